// Load test of `tokext serve`, on loopback only, stopping by itself: N concurrent compare requests
// (default 200) of about 10 KB of Japanese each (lines of ja-eval-jglue), every one must be
// answered 200 with both sides' token counts; prints p50/p95/max latency and the server's peak RSS
// (VmHWM). Then checks the server still answers after a malformed, an oversized and a half-sent
// request.
// Usage: npm run bench:serve -- [--requests N] [--dir BUILD_DIR]   (default: a sample build made first)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'tokext.js');
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const requests = Number(opt('--requests', 200));
const corpus = path.resolve(root, '..', 'shared', 'data', 'corpora', 'ja-eval-jglue');
if (!fs.existsSync(corpus)) {
  console.error(`bench: corpus not found: ${corpus}`);
  process.exit(2);
}

let dir = opt('--dir');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-bench-serve-'));
if (!dir) {
  dir = path.join(scratch, 'sample');
  console.log('building the sample extension to serve…');
  const b = spawnSync(
    process.execPath,
    [
      bin,
      'build',
      '--corpus',
      path.join(root, 'corpora', 'sample'),
      '--target',
      '32100',
      '--no-db',
      '--progress',
      'none',
      '--out',
      dir,
    ],
    { encoding: 'utf8' },
  );
  if (b.status !== 0) {
    console.error(b.stderr);
    process.exit(2);
  }
}

/** Texts of about 10 KB (UTF-8) from the corpus' lines, a different slice for each request. */
function texts(n) {
  const lines = fs
    .readdirSync(corpus)
    .filter((f) => /\.(txt|jsonl)$/.test(f))
    .flatMap((f) => fs.readFileSync(path.join(corpus, f), 'utf8').split('\n'))
    .map((l) => (l.startsWith('{') ? (JSON.parse(l).text ?? '') : l))
    .filter((l) => l.trim() !== '');
  const out = [];
  let at = 0;
  for (let k = 0; k < n; k++) {
    let t = '';
    while (Buffer.byteLength(t) < 10_000) t += lines[at++ % lines.length] + '\n';
    out.push(t);
  }
  return out;
}

const server = spawn(
  process.execPath,
  [bin, 'serve', dir, '--port', '0', '--json', '--db', path.join(scratch, 'none.db')],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]).url);
  });
  server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
/** Peak RSS (VmHWM) of the server: the process bin/tokext.js starts runs the command in a child. */
const hwm = () => {
  const pids = [
    server.pid,
    ...spawnSync('ps', ['-o', 'pid=', '--ppid', String(server.pid)], { encoding: 'utf8' })
      .stdout.split(/\s+/)
      .filter(Boolean),
  ];
  const kb = pids.map((pid) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0));
  return Math.max(...kb) / 1024 ** 2;
};
Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024 ** 2;

async function compare(text) {
  const t0 = performance.now();
  const r = await fetch(new URL('/api/compare', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ a: 'mistral-7b-v0.1', b: dir, text }),
  });
  const j = await r.json();
  return { status: r.status, ms: performance.now() - t0, ok: r.status === 200 && j.a.tokens > 0 && j.b.tokens > 0 };
}

let failed = false;
try {
  await compare('warm up: 日本語'); // loads both tokenizers
  const bodies = texts(requests);
  const t0 = performance.now();
  const results = await Promise.all(bodies.map(compare));
  const wall = (performance.now() - t0) / 1000;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))];
  const answered = results.filter((r) => r.ok).length;
  console.log(`| requests | answered | KB each | wall s | p50 ms | p95 ms | max ms | server peak RSS GB |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  console.log(
    `| ${requests} | ${answered} | ${(Buffer.byteLength(bodies[0]) / 1024).toFixed(1)} | ${wall.toFixed(2)} | ${pct(50).toFixed(0)} | ${pct(95).toFixed(0)} | ${ms.at(-1).toFixed(0)} | ${hwm().toFixed(2)} |`,
  );
  if (answered !== requests) failed = true;

  // Bad requests, then a good one.
  const bad = await fetch(new URL('/api/compare', url), { method: 'POST', body: '{"a":' });
  const big = await fetch(new URL('/api/compare', url), { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
  const { port } = new URL(url);
  const half = net.connect(Number(port), '127.0.0.1');
  await new Promise((r) => half.once('connect', r));
  half.write('POST /api/compare HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"a":');
  const after = await compare('それでも答える');
  half.destroy();
  console.log(`malformed → ${bad.status}, 2 MB → ${big.status}, half-sent then a good request → ${after.status}`);
  if (bad.status !== 400 || big.status !== 413 || !after.ok) failed = true;
} finally {
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
