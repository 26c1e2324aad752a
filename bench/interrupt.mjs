// How soon each kind of command stops after SIGINT / SIGTERM: the command is started, signalled
// after each of several delays (module loading, loading tokenizers, the work itself), and the time
// from the signal to the process's exit is measured; median and worst of --runs runs per delay.
// Usage: npm run bench:interrupt -- [--runs N]   (run `npm run build` first)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'tokext.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-interrupt-'));
const db = path.join(dir, 's.db');
const gemma = path.join(root, 'node_modules', '@lenml', 'tokenizer-gemma3', 'models');
spawnSync(process.execPath, [bin, 'import', gemma, '--label', 'gemma', '--db', db], { stdio: 'inherit' });

const commands = {
  import: () => ['import', gemma, '--label', 'again', '--db', db],
  export: () => ['export', 'gemma', '--db', db, '--out', path.join(dir, 'x')],
  diff: () => ['diff', 'gemma', 'qwen3', '--db', db],
  build: () => [
    'build',
    '--corpus',
    path.join(root, 'corpora', 'sample'),
    '--target',
    '32100',
    '--no-db',
    '--out',
    path.join(dir, 'b'),
  ],
};

/** Milliseconds from the signal to the exit, and the exit code. */
function stopTime(argv, sig, afterMs) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...argv], { stdio: 'ignore' });
    let sent = 0;
    const t = setTimeout(() => {
      sent = performance.now();
      p.kill(sig);
    }, afterMs);
    p.on('close', (code) => {
      clearTimeout(t);
      resolve({ ms: sent ? performance.now() - sent : NaN, code });
    });
  });
}

console.log(`${runs} runs per cell; ms from the signal to the exit (median / worst), exit codes`);
console.log(
  [
    'command'.padEnd(8),
    'signal'.padEnd(8),
    'after ms'.padStart(8),
    'median'.padStart(8),
    'worst'.padStart(8),
    '  codes',
  ].join(' '),
);
for (const [name, argv] of Object.entries(commands)) {
  for (const [sig, after] of [
    ['SIGINT', 150],
    ['SIGTERM', 600],
    ['SIGINT', 1200],
    ['SIGTERM', 2500],
  ]) {
    const r = [];
    for (let i = 0; i < runs; i++) r.push(await stopTime(argv(), sig, after));
    const ms = r.map((x) => x.ms).sort((a, b) => a - b);
    console.log(
      [
        name.padEnd(8),
        sig.padEnd(8),
        String(after).padStart(8),
        ms[Math.floor(runs / 2)].toFixed(0).padStart(8),
        ms[runs - 1].toFixed(0).padStart(8),
        '  ' + r.map((x) => x.code).join(','),
      ].join(' '),
    );
  }
}
fs.rmSync(dir, { recursive: true, force: true });
