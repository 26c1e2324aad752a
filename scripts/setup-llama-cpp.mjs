// Installs node-llama-cpp (pinned) and its prebuilt CPU binary for this platform alone into
// .llama-cpp/ beside package.json, for verify's llama.cpp check (src/verify/llamacpp-runtime.ts
// looks there). A prefix of its own: the project's node_modules and lockfile are not touched
// (an --omit=optional install into them would prune other packages' platform binaries), and the
// default install never pulls node-llama-cpp's GPU variants (~700 MB). About 85 MB.
// Usage: npm run setup:llama-cpp
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '3.21.1'; // src/verify/llamacpp-runtime.ts LLAMA_CPP_VERSION
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prefix = path.join(root, '.llama-cpp');

/** node-llama-cpp's CPU binary package for this platform (its optionalDependencies' names). */
const BINARIES = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-arm': 'linux-armv7l',
  'linux-riscv64': 'linux-riscv64',
  'darwin-arm64': 'mac-arm64-metal',
  'darwin-x64': 'mac-x64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};
const binary = BINARIES[`${process.platform}-${process.arch}`];
if (!binary) {
  console.error(
    `setup:llama-cpp: node-llama-cpp ${VERSION} has no prebuilt binary for ${process.platform}-${process.arch}`,
  );
  process.exit(1);
}

fs.mkdirSync(prefix, { recursive: true });
const pkg = {
  name: 'tokext-llama-cpp',
  private: true,
  description: 'llama.cpp for tokext verify (npm run setup:llama-cpp); not part of tokext',
  dependencies: { 'node-llama-cpp': VERSION, [`@node-llama-cpp/${binary}`]: VERSION },
};
fs.writeFileSync(path.join(prefix, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
// --ignore-scripts: node-llama-cpp's postinstall would look for (or build) a binary; the
// platform package is the binary. --omit=optional: none of its GPU variants.
const args = ['install', '--ignore-scripts', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error'];
execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: prefix, stdio: 'inherit' });
console.log(`node-llama-cpp ${VERSION} (${binary}) is in ${path.relative(process.cwd(), prefix) || '.'}`);
