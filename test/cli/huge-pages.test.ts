// The command runs with glibc's huge pages for large allocations (the trainer's arrays), unless
// the user chose glibc's setting or turned it off; the user's other tunables are kept.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv, HUGE_PAGES_TUNABLE } from '../../src/cli/shell.js';
import { BIN, ROOT, SAMPLE_BUILD_ARGS, tmpDir } from '../helpers.js';

describe('the command’s environment', () => {
  it('adds huge pages on Linux, after the tunables the user set', () => {
    expect(childEnv({}, 'linux').GLIBC_TUNABLES).toBe(HUGE_PAGES_TUNABLE);
    expect(childEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux').GLIBC_TUNABLES).toBe(
      `glibc.malloc.arena_max=2:${HUGE_PAGES_TUNABLE}`,
    );
  });

  it('leaves glibc’s setting alone where the user made it, turned it off, or no glibc reads it', () => {
    expect(childEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, 'linux').GLIBC_TUNABLES).toBe(
      'glibc.malloc.hugetlb=0',
    );
    expect(childEnv({ TOKEXT_HUGE_PAGES: '0' }, 'linux').GLIBC_TUNABLES).toBeUndefined();
    expect(childEnv({}, 'darwin').GLIBC_TUNABLES).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')('is the environment of the process that runs the command', async () => {
    const out = path.join(tmpDir(), 'o');
    const env = { ...process.env };
    delete env.GLIBC_TUNABLES;
    delete env.TOKEXT_HUGE_PAGES;
    const p = spawn(process.execPath, [BIN, ...SAMPLE_BUILD_ARGS, '--out', out], { cwd: ROOT, env, stdio: 'ignore' });
    const closed = new Promise((resolve) => p.on('close', resolve));
    // the shell's child: the process whose parent is the one spawned here
    const childOf = (ppid: number) =>
      spawnSync('ps', ['-o', 'pid=', '--ppid', String(ppid)], { encoding: 'utf8' }).stdout.trim() || undefined;
    let child: string | undefined;
    for (let tries = 0; !child && tries < 200; tries++) {
      child = childOf(p.pid!);
      if (!child) await new Promise((r) => setTimeout(r, 25));
    }
    expect(child).toBeDefined();
    const seen = fs.readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
    p.kill('SIGTERM');
    await closed;
    expect(seen).toContain(`GLIBC_TUNABLES=${HUGE_PAGES_TUNABLE}`);
  });
});
