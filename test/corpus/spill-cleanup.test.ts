// Spilling: what a killed run left in the temporary directory is removed by the next one, the
// temporary directory is checked before any work, and a failed spill names the spill path.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countCorpora, loadCounts } from '../../src/corpus/count.js';
import { spillPrefix } from '../../src/corpus/spill.js';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { OutputError } from '../../src/errors.js';
import { ROOT, SAMPLE, cli, tmpDir } from '../helpers.js';

const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
const count = (tmp: string, tableBytes: number, onNote?: (m: string) => void) =>
  countCorpora(sp, {
    corpora: [{ path: SAMPLE, weight: 1 }],
    textField: 'text',
    skipInvalid: false,
    balance: 1,
    tableBytes,
    tmpDir: tmp,
    onNote,
  });

describe('spill directories of killed runs', () => {
  it("are removed (and reported) by the next run that spills there; a live run's, another host's stay", async () => {
    const tmp = tmpDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const live = spawn('sleep', ['60']);
    try {
      const deadDir = path.join(tmp, `${spillPrefix(dead)}aB3xYz`);
      const liveDir = path.join(tmp, `${spillPrefix(live.pid!)}Qw9rT2`);
      const otherHost = path.join(tmp, `tokext-spill-${dead}-0badf00daB3xYz`); // a dead pid here, maybe a live one there
      expect(spillPrefix(dead)).not.toBe(`tokext-spill-${dead}-0badf00d`);
      for (const d of [deadDir, liveDir, otherHost, path.join(tmp, 'not-ours')]) {
        fs.mkdirSync(d);
        fs.writeFileSync(path.join(d, 'raw-0'), Buffer.alloc(1000));
      }
      const notes: string[] = [];
      const r = await count(tmp, 64 << 10, (m) => notes.push(m));
      expect(r.spills).toBeGreaterThan(0);
      expect(fs.existsSync(deadDir)).toBe(false);
      expect(notes).toEqual([`removed ${deadDir}, the spill directory of an earlier run that did not finish`]);
      expect(fs.existsSync(liveDir)).toBe(true);
      expect(fs.existsSync(path.join(tmp, 'not-ours'))).toBe(true);
      r.chunks.dispose();
      expect(fs.readdirSync(tmp).sort()).toEqual(['not-ours', path.basename(liveDir), path.basename(otherHost)].sort());
    } finally {
      live.kill();
    }
  });

  it('what a SIGKILLed count left is removed by the next one', async () => {
    const entries = (dir: string) => {
      try {
        return fs.readdirSync(dir).length;
      } catch {
        return 0; // removed since it was listed
      }
    };
    const tmp = tmpDir();
    const copies = tmpDir(); // twenty files of the same text (one file named twenty times is refused)
    for (let i = 0; i < 20; i++) fs.copyFileSync(path.join(SAMPLE, 'sample.txt'), path.join(copies, `s${i}.txt`));
    const dist = path.join(ROOT, 'dist', 'corpus');
    const script = `const { countCorpora } = await import('${dist}/count.js');
      const { sentencePiecePretokenizer } = await import('${dist}/pretokenize.js');
      const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
      const corpora = [{ path: '${copies}', weight: 1 }];
      await countCorpora(sp, { corpora, textField: 'text', skipInvalid: false, balance: 1, tableBytes: 65536, tmpDir: '${tmp}' });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const prefix = spillPrefix(child.pid!);
    // its spill directory holds a file (the run also makes and removes a probe *file* with the same prefix)
    const spilled = () =>
      fs
        .readdirSync(tmp, { withFileTypes: true })
        .some((e) => e.isDirectory() && e.name.startsWith(prefix) && entries(path.join(tmp, e.name)) > 0);
    for (let t = 0; t < 600 && !spilled(); t++) await new Promise((r) => setTimeout(r, 20));
    expect(spilled()).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const left = fs.readdirSync(tmp);
    expect(left).toHaveLength(1);
    const notes: string[] = [];
    const r = await count(tmp, 64 << 10, (m) => notes.push(m));
    expect(notes).toEqual([
      `removed ${path.join(tmp, left[0]!)}, the spill directory of an earlier run that did not finish`,
    ]);
    r.chunks.dispose();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)("leaves another user's leftovers alone (a shared /tmp) and still counts", () => {
    const tmp = tmpDir();
    fs.chmodSync(tmp, 0o1777);
    const theirs = path.join(tmp, `${spillPrefix(spawnSync(process.execPath, ['-e', '']).pid)}aB3xYz`);
    fs.mkdirSync(theirs, { mode: 0o755 });
    fs.writeFileSync(path.join(theirs, 'raw-0'), 'x');
    const dist = path.join(ROOT, 'dist', 'corpus');
    const script = `const { countCorpora } = await import('${dist}/count.js');
      const { sentencePiecePretokenizer } = await import('${dist}/pretokenize.js');
      const sp = sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: false });
      const r = await countCorpora(sp, { corpora: [{ path: '${SAMPLE}', weight: 1 }], textField: 'text', skipInvalid: false, balance: 1,
        tableBytes: 65536, tmpDir: '${tmp}', onNote: (m) => console.log(m) });
      console.log('spills', r.spills);
      r.chunks.dispose();`;
    const r = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^spills [1-9]/m);
    expect(r.stdout).not.toContain('removed');
    expect(fs.readdirSync(theirs)).toEqual(['raw-0']);
  });
});

describe('the temporary directory', () => {
  afterEach(() => {
    delete process.env.TOKEXT_TEST_SPILL_LIMIT;
  });

  it('a missing --tmp-dir stops `count` before any reading, naming it as an output path', async () => {
    const out = path.join(tmpDir(), 'x.parquet');
    const r = await cli([
      'count',
      '--corpus',
      SAMPLE,
      '--tmp-dir',
      '/nonexistent',
      '--out',
      out,
      '--progress',
      'json',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!).error).toMatchObject({
      code: 'E_OUTPUT',
      path: '/nonexistent',
    });
    expect(r.stderr).toMatch(
      /\/nonexistent: cannot use as the temporary directory: the directory does not exist \(ENOENT\)/,
    );
    expect(r.stderr).not.toMatch(/"stage":"count"/); // no corpus byte was counted
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a file as --tmp-dir, or one the user cannot write to, is refused up front', async () => {
    const d = tmpDir();
    const file = path.join(d, 'file');
    fs.writeFileSync(file, '');
    let r = await cli([
      'count',
      '--corpus',
      SAMPLE,
      '--tmp-dir',
      file,
      '--out',
      path.join(d, 'x.parquet'),
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${file}: the temporary directory is a file, not a directory`);
    const locked = path.join(d, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.chmodSync(d, 0o777);
    r = await cli(
      ['count', '--corpus', SAMPLE, '--tmp-dir', locked, '--out', path.join(d, 'x.parquet'), '--progress', 'none'],
      { unprivileged: true },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${locked}: cannot create files in the temporary directory: permission denied (EACCES)`);
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it('summing shards checks it before opening any shard', async () => {
    const err = await loadCounts(sp, ['/nonexistent-shard.parquet'], {
      textField: 'text',
      tableBytes: 1 << 20,
      tmpDir: '/nonexistent',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).path).toBe('/nonexistent');
  });

  it('a full disk while counting is an OutputError naming the spill directory, not the corpus', async () => {
    const tmp = tmpDir();
    process.env.TOKEXT_TEST_SPILL_LIMIT = '200000';
    const err = await count(tmp, 64 << 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).path).toMatch(new RegExp(`^${tmp}/${spillPrefix(process.pid)}\\w{6}$`));
    expect((err as Error).message).toMatch(/cannot spill counts to disk: no space left on device/);
    expect((err as Error).message).not.toContain('sample.txt');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
