// Atomic output (src/io/atomic.ts): the temporary's name, no temporary left on success or on a
// failing writer, the target untouched by a failed write, and dead runs' leftovers told from live ones'.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import {
  checkWritableFile,
  jsonText,
  removeStaleTemps,
  sha256File,
  tempPathFor,
  writeFileAtomic,
  writeFileVia,
} from '../../src/io/atomic.js';
import { temporaries, tmpDir } from '../helpers.js';

const hash12 = (p: string) => crypto.createHash('sha256').update(path.resolve(p)).digest('hex').slice(0, 12);

/** The pid of a process that has exited (its pid is free). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('tempPathFor', () => {
  it('is .tokext-tmp-<pid>-<12 hex of the sha256 of the absolute target>, beside the target', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out.json');
    expect(tempPathFor(target)).toBe(path.join(dir, `.tokext-tmp-${process.pid}-${hash12(target)}`));
  });

  it('is short whatever the target name, and the same for a relative and an absolute spelling', () => {
    const dir = tmpDir();
    const long = path.join(dir, 'x'.repeat(250));
    expect(path.basename(tempPathFor(long)).length).toBe('.tokext-tmp-'.length + String(process.pid).length + 1 + 12);
    expect(tempPathFor(path.relative(process.cwd(), long))).toBe(tempPathFor(long));
  });
});

describe('writeFileAtomic', () => {
  it('writes the bytes, replaces an existing file, leaves no temporary', () => {
    const dir = tmpDir();
    const f = path.join(dir, 'a.txt');
    writeFileAtomic(f, 'first');
    writeFileAtomic(f, new Uint8Array([0x68, 0x69]));
    expect(fs.readFileSync(f, 'utf8')).toBe('hi');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  it('onto a directory: an OutputError naming the target, no temporary, the directory untouched', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'sub');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'k');
    let err: unknown;
    try {
      writeFileAtomic(target, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).path).toBe(target);
    expect((err as Error).message).toMatch(new RegExp(`^${target}: cannot write: `));
    expect(temporaries(dir)).toEqual([]);
    expect(fs.readdirSync(target)).toEqual(['keep']);
  });

  it('refuses a name over 255 bytes before creating anything', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'é'.repeat(128)); // 256 bytes
    expect(() => writeFileAtomic(target, 'x')).toThrow('file name too long (256 bytes; the limit is 255)');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileVia', () => {
  it('renames what the writer filled into place', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'v.bin');
    await writeFileVia(f, (tmp) => {
      expect(tmp).toBe(tempPathFor(f));
      fs.writeFileSync(tmp, 'streamed');
      return Promise.resolve();
    });
    expect(fs.readFileSync(f, 'utf8')).toBe('streamed');
    expect(fs.readdirSync(dir)).toEqual(['v.bin']);
  });

  it('a writer that fails half-way: its error, no temporary, the old file as it was', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'v.bin');
    fs.writeFileSync(f, 'old');
    await expect(
      writeFileVia(f, (tmp) => {
        fs.writeFileSync(tmp, 'half');
        return Promise.reject(new Error('writer broke'));
      }),
    ).rejects.toThrow('writer broke');
    expect(fs.readdirSync(dir)).toEqual(['v.bin']);
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
  });
});

describe('removeStaleTemps', () => {
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  afterAll(() => {
    live.kill();
  });

  it("removes a dead run's temporary for the target; keeps a live run's, its own, and other targets'", () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out.json');
    const h = hash12(target);
    const dead = path.join(dir, `.tokext-tmp-${deadPid()}-${h}`);
    const alive = path.join(dir, `.tokext-tmp-${live.pid}-${h}`);
    const mine = path.join(dir, `.tokext-tmp-${process.pid}-${h}`);
    const other = path.join(dir, `.tokext-tmp-${deadPid()}-${hash12(path.join(dir, 'other.json'))}`);
    const deadDir = path.join(dir, `.tokext-tmp-${deadPid()}-${h}`); // a staged directory of a dead run
    for (const p of [dead, alive, mine, other]) fs.writeFileSync(p, 'x');
    fs.mkdirSync(deadDir);
    fs.writeFileSync(path.join(deadDir, 'inner'), 'x');
    expect(removeStaleTemps(target).sort()).toEqual([dead, deadDir].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([alive, mine, other].map((p) => path.basename(p)).sort());
  });

  it('a directory that does not exist: nothing to remove', () => {
    expect(removeStaleTemps(path.join(tmpDir(), 'missing', 'out.json'))).toEqual([]);
  });
});

describe('checkWritableFile, jsonText, sha256File', () => {
  it('checkWritableFile: names a missing directory and a directory given as the file; leaves nothing behind', () => {
    const dir = tmpDir();
    expect(() => checkWritableFile(path.join(dir, 'no', 'f.json'))).toThrow(
      `${path.join(dir, 'no')}: the directory does not exist`,
    );
    expect(() => checkWritableFile(dir)).toThrow(`${dir}: is a directory; a file name is expected`);
    checkWritableFile(path.join(dir, 'ok.json'));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('jsonText: two-space indent and a trailing newline', () => {
    expect(jsonText({ a: [1, 2], b: 'x' })).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}\n');
  });

  it('sha256File: the digest of the bytes, over more than one read buffer', () => {
    const f = path.join(tmpDir(), 'big.bin');
    const bytes = crypto.randomBytes((1 << 20) + 12345);
    fs.writeFileSync(f, bytes);
    expect(sha256File(f)).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    fs.writeFileSync(f, '');
    expect(sha256File(f)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
