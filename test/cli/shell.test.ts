// Every command stops soon after Ctrl-C or SIGTERM, whatever it is doing: the shell passes the
// signal on and kills a command whose work does not let it stop by itself, then removes the
// temporaries the command announced. Exit 130, nothing written, the store as it was.
// (How soon is measured by bench/interrupt.mjs; here the bound only proves the work was cut short.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../src/io/atomic.js';
import { BIN, ROOT, SAMPLE, cli, cliProcess, temporaries, tmpDir } from '../helpers.js';

const GEMMA = path.join(ROOT, 'node_modules', '@lenml', 'tokenizer-gemma3', 'models');
const dir = tmpDir();
const db = path.join(dir, 's.db');

/** Runs the CLI, sends `sig` after `afterMs`; resolves to the exit code, stderr and how long it took to stop. */
function interrupt(
  args: string[],
  sig: NodeJS.Signals,
  afterMs: number,
): Promise<{ code: number | null; stderr: string; stopMs: number; ranMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = 0;
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      sent = performance.now();
      p.kill(sig);
    }, afterMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const now = performance.now();
      // A signal before Node has even run bin/tokext.js ends the process by the signal itself
      // (nothing started yet): the status a shell reports for it.
      const status = code ?? 128 + (signal ? os.constants.signals[signal] : 0);
      resolve({
        code: status,
        stderr: code === null ? 'interrupted (by the signal itself)' : stderr,
        stopMs: sent ? now - sent : -1,
        ranMs: now - started,
      });
    });
  });
}

beforeAll(async () => {
  const r = await cli(['import', GEMMA, '--label', 'gemma', '--db', db]);
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);

/** When each case is signalled: soon after start, and later in its work. The later time must fall well
 * before the command would finish by itself: an uninterrupted export of Gemma 3 takes ~1.7 s here,
 * so a signal at 1.5 s raced its end (it sometimes finished first and exited 0). */
const LATE_MS = 1500;
const SIGNALS = [
  ['SIGINT', 250],
  ['SIGTERM', LATE_MS],
] as const;

describe('interrupted commands stop, exit 130 and leave nothing', () => {
  const cases: [string, () => string[], () => void, number?][] = [
    [
      'import (a 262k-piece tokenizer into the store)',
      () => ['import', GEMMA, '--label', 'again', '--db', db],
      async () => {
        const v = await cli(['versions', '--db', db, '--json']);
        expect(JSON.parse(v.stdout).map((x: { label: string }) => x.label)).toEqual(['gemma']);
      },
    ],
    [
      'export (regenerating its files)',
      () => ['export', 'gemma', '--db', db, '--out', path.join(dir, 'exported')],
      () => {
        expect(fs.existsSync(path.join(dir, 'exported'))).toBe(false);
      },
      800, // its later signal (it takes ~1.7 s in all)
    ],
    [
      'diff (two large vocabularies)',
      () => ['diff', 'gemma', 'qwen3', '--db', db, '--remap', path.join(dir, 'remap.json')],
      () => {
        expect(fs.existsSync(path.join(dir, 'remap.json'))).toBe(false);
      },
    ],
    [
      'build (counting, training, writing)',
      () => [
        'build',
        '--corpus',
        SAMPLE,
        '--target',
        '32100',
        '--no-db',
        '--tmp-dir',
        dir,
        '--out',
        path.join(dir, 'built'),
      ],
      () => {
        expect(fs.existsSync(path.join(dir, 'built'))).toBe(false);
      },
    ],
  ];
  for (const [name, args, unchanged, lateMs] of cases) {
    for (const [sig, at] of SIGNALS) {
      const afterMs = at === LATE_MS ? (lateMs ?? LATE_MS) : at;
      it(`${name}: ${sig} after ${afterMs} ms`, async () => {
        const before = sha256File(db);
        const r = await interrupt(args(), sig, afterMs);
        expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
        expect(r.stopMs).toBeGreaterThan(0); // the signal came before the command finished
        expect(r.code).toBe(130);
        expect(r.stderr).toMatch(/interrupted/);
        expect(r.stopMs).toBeLessThan(3000);
        unchanged();
        expect(sha256File(db)).toBe(before);
        expect(temporaries(dir)).toEqual([]);
        expect(fs.readdirSync(dir).filter((n) => n.startsWith('tokext-spill'))).toEqual([]);
      });
    }
  }
});

describe('a command that finishes is not disturbed by the shell', () => {
  it('passes the exit code, stdout and stderr through', () => {
    const ok = cliProcess(['versions', '--db', db, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(1);
    const bad = cliProcess(['versions', '--db', path.join(dir, 'missing.db')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/missing\.db: no store here yet/);
    const usage = cliProcess(['build', '--no-such-option']);
    expect(usage.status).toBe(2);
  });
});
