// Compiles src/ to dist/ once before the tests, so CLI tests run the code under test, never a stale build.
// The compile is incremental (tsc rechecks and re-emits only what changed: ~4 s instead of ~12 s
// when little did), and guarded: tsc's build info trusts that dist/ still holds what it emitted, so
// a digest of dist/ taken after each compile must match before the build info is used; a dist/
// file removed or edited since makes it a full compile.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** sha256 of every file under `dist` but the build info and the digest itself, names included. */
function digestOf(dist: string, skip: string[]): string {
  const h = crypto.createHash('sha256');
  if (!fs.existsSync(dist)) return '';
  const files = (fs.readdirSync(dist, { recursive: true }) as string[])
    .filter((f) => !skip.includes(f) && fs.statSync(path.join(dist, f)).isFile())
    .sort();
  for (const f of files)
    h.update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(dist, f)));
  return h.digest('hex');
}

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const dist = path.join(root, 'dist');
  const info = path.join(dist, '.tsbuildinfo');
  const stamp = path.join(dist, '.tsbuildinfo.digest');
  const skip = [path.basename(info), path.basename(stamp)];
  const trusted = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digestOf(dist, skip);
  if (!trusted) fs.rmSync(info, { force: true });
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      path.join(root, 'tsconfig.json'),
      '--incremental',
      '--tsBuildInfoFile',
      info,
    ],
    { stdio: 'inherit' },
  );
  fs.writeFileSync(stamp, digestOf(dist, skip));
}
