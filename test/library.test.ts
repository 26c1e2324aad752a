// tokext is a library: a project that depends on it imports the API by name, typed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE, tmpDir } from './helpers.js';

describe('import { build, verifyDir, ... } from "tokext"', () => {
  const app = tmpDir();
  fs.mkdirSync(path.join(app, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'tokext'), 'dir');
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));

  it('builds, verifies and evaluates through the package entry point', () => {
    const out = path.join(app, 'out');
    fs.writeFileSync(
      path.join(app, 'main.mjs'),
      `
import { build, defaultSpec, verifyDir, evaluate, curve, listVersions, UsageError, TOOL } from 'tokext';
const spec = { ...defaultSpec([{ path: ${JSON.stringify(SAMPLE)}, weight: 1 }]), target: 32400, padTo: 32448 };
const r = await build(spec, { out: ${JSON.stringify(out)}, force: false });
const v = await verifyDir(${JSON.stringify(out)});
const e = await evaluate({ tokenizers: [${JSON.stringify(out)}], corpora: [${JSON.stringify(SAMPLE)}], db: 'none.db' });
let usage = false;
try { await build({ ...spec, target: 10 }, { out: 'x', force: false }); } catch (err) { usage = err instanceof UsageError; }
console.log(JSON.stringify({ size: r.vocab.pieces.length, ok: v.ok, cpt: e.rows[0].chars_per_token, usage, name: TOOL.name, fns: [typeof curve, typeof listVersions] }));
`,
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(o).toMatchObject({ size: 32448, ok: true, usage: true, name: 'tokext', fns: ['function', 'function'] });
    expect(o.cpt).toBeGreaterThan(1);
  });

  it('has types: a TypeScript consumer type-checks, and a wrong option is a type error', () => {
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['good.ts', 'bad.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(app, 'good.ts'),
      `import { build, defaultSpec, type BuildResult, type VerifyReport } from 'tokext';
export async function f(): Promise<number> { const r: BuildResult = await build(defaultSpec([]), { out: 'o', force: false }); const v: VerifyReport | undefined = r.verify; return r.vocab.pieces.length + (v?.ok ? 1 : 0); }
`,
    );
    fs.writeFileSync(
      path.join(app, 'bad.ts'),
      `import { build, defaultSpec } from 'tokext';
export const p = build({ ...defaultSpec([]), target: 'lots' }, { out: 'o', force: false });
`,
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/bad\.ts\(2,.*'string' is not assignable to type 'number'/);
    expect(r.stdout).not.toMatch(/good\.ts/);
  });
});
