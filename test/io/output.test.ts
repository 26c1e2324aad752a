// The output guard (src/io/output.ts): never an input nor inside an input directory, never a file
// tokext did not write without --force (tokext's files known by their format marker).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { tempPathFor } from '../../src/io/atomic.js';
import {
  GENERATOR_META,
  checkNotAnInput,
  claimOutputFile,
  isTokextFile,
  realish,
  storePaths,
  within,
} from '../../src/io/output.js';
import { tmpDir } from '../helpers.js';

/** A directory with an input corpus file and an input directory. */
function setup() {
  const dir = tmpDir();
  const file = path.join(dir, 'corpus.txt');
  fs.writeFileSync(file, 'text\n');
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir);
  return { dir, file, inDir };
}

describe('checkNotAnInput', () => {
  it('refuses an input itself, named as given or through a symlink, with the option and both paths', () => {
    const { dir, file } = setup();
    expect(() => checkNotAnInput(file, { inputs: [file] })).toThrow(
      `--out ${file} is an input of this run (${file}); it would be overwritten`,
    );
    const link = path.join(dir, 'link.txt');
    fs.symlinkSync(file, link);
    expect(() => checkNotAnInput(link, { inputs: [file], flag: '--report' })).toThrow(
      `--report ${link} is an input of this run (${file})`,
    );
    expect(() => checkNotAnInput(file, { inputs: [file] })).toThrow(UsageError);
  });

  it('refuses a path inside an input directory, existing or not; accepts a sibling whose name starts alike', () => {
    const { dir, inDir } = setup();
    const inside = path.join(inDir, 'new', 'out.json');
    expect(() => checkNotAnInput(inside, { inputs: [inDir] })).toThrow(
      `--out ${inside} is inside ${inDir}, an input of this run; writing there would change what it reads`,
    );
    expect(() => checkNotAnInput(path.join(dir, 'in2', 'out.json'), { inputs: [inDir] })).not.toThrow();
    expect(() =>
      checkNotAnInput(path.join(dir, 'out.json'), { inputs: [inDir, path.join(dir, 'corpus.txt')] }),
    ).not.toThrow();
  });

  it("a store's -wal and -shm files are inputs too", () => {
    const { dir } = setup();
    const db = path.join(dir, 'v.db');
    expect(storePaths(db)).toEqual([db, `${db}-wal`, `${db}-shm`, `${db}-journal`]);
    expect(() => checkNotAnInput(`${db}-wal`, { inputs: storePaths(db) })).toThrow('is an input of this run');
  });

  it('realish and within', () => {
    const { dir, inDir } = setup();
    const real = fs.realpathSync(dir);
    expect(realish(path.join(dir, 'no', 'such', 'file'))).toBe(path.join(real, 'no', 'such', 'file'));
    expect(within(path.join(real, 'in', 'x'), path.join(real, 'in'))).toBe(true);
    expect(within(path.join(real, 'in'), path.join(real, 'in'))).toBe(true);
    expect(within(path.join(real, 'in2'), path.join(real, 'in'))).toBe(false);
    expect(within(inDir, '/')).toBe(true);
  });
});

describe('isTokextFile', () => {
  const dir = tmpDir();
  const at = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it('a JSON file whose first key is "format": "tokext.…"', () => {
    expect(isTokextFile(at('a.json', '{\n  "format": "tokext.plan/1",\n  "x": 1\n}\n'))).toBe(true);
    expect(isTokextFile(at('b.json', '{"format":"tokext.remap/1"}'))).toBe(true);
    expect(isTokextFile(at('c.json', '{"x": 1, "format": "tokext.plan/1"}'))).toBe(false); // not the first key
    expect(isTokextFile(at('d.json', '{"format": "other/1"}'))).toBe(false);
    expect(isTokextFile(at('e.json', ' {"format": "tokext.plan/1"}'))).toBe(false); // not at the start
  });

  it("an HTML report with the generator tag; a Parquet file with tokext's metadata at its end", () => {
    expect(isTokextFile(at('r.html', `<!DOCTYPE html><html><head>${GENERATOR_META}</head></html>`))).toBe(true);
    expect(
      isTokextFile(at('s.html', '<!doctype html><html><head><meta name="generator" content="other"></head></html>')),
    ).toBe(false);
    const body = Buffer.alloc(100_000, 0x41);
    expect(
      isTokextFile(
        at('t.parquet', Buffer.concat([Buffer.from('PAR1'), body, Buffer.from('{"format":"tokext.counts/1"}PAR1')])),
      ),
    ).toBe(true);
    // the marker beyond the last 64 KiB is not seen
    expect(
      isTokextFile(
        at('u.parquet', Buffer.concat([Buffer.from('PAR1{"format":"tokext.counts/1"}'), body, Buffer.from('PAR1')])),
      ),
    ).toBe(false);
  });

  it('anything else: plain text, an empty file, a missing path', () => {
    expect(isTokextFile(at('p.txt', 'format: tokext.plan'))).toBe(false);
    expect(isTokextFile(at('empty', ''))).toBe(false);
    expect(isTokextFile(path.join(dir, 'missing'))).toBe(false);
  });

  it('a directory is no tokext file (false, not EISDIR)', () => {
    expect(isTokextFile(dir)).toBe(false);
  });
});

describe('claimOutputFile', () => {
  it('refuses an existing file tokext did not write unless force; replaces one it wrote', () => {
    const { dir } = setup();
    const theirs = path.join(dir, 'notes.json');
    fs.writeFileSync(theirs, '{"mine": true}');
    expect(() => claimOutputFile(theirs, { inputs: [], flag: '--plan' })).toThrow(
      `--plan ${theirs} exists and tokext did not write it`,
    );
    expect(fs.readFileSync(theirs, 'utf8')).toBe('{"mine": true}');
    claimOutputFile(theirs, { inputs: [], force: true }).write('{"format": "tokext.plan/1"}');
    expect(fs.readFileSync(theirs, 'utf8')).toBe('{"format": "tokext.plan/1"}');
    claimOutputFile(theirs, { inputs: [] }).write('{"format": "tokext.plan/1", "v": 2}');
    expect(fs.readFileSync(theirs, 'utf8')).toBe('{"format": "tokext.plan/1", "v": 2}');
    expect(fs.readdirSync(dir).sort()).toEqual(['corpus.txt', 'in', 'notes.json']);
  });

  it('refuses an empty path; checks again at write time', () => {
    expect(() => claimOutputFile('', { inputs: [], flag: '--report' })).toThrow('--report needs a file path');
    const { dir } = setup();
    const out = path.join(dir, 'o.json');
    const claimed = claimOutputFile(out, { inputs: [] });
    fs.writeFileSync(out, 'someone else wrote this meanwhile');
    expect(() => claimed.write('{}')).toThrow('exists and tokext did not write it');
    expect(fs.readFileSync(out, 'utf8')).toBe('someone else wrote this meanwhile');
  });

  it("removes a dead run's temporary for the output and tells onNote", () => {
    const { dir } = setup();
    const out = path.join(dir, 'o.json');
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = tempPathFor(out).replace(`-${process.pid}-`, `-${deadPid}-`);
    fs.writeFileSync(stale, 'half');
    const notes: string[] = [];
    const claimed = claimOutputFile(out, { inputs: [], onNote: (l) => notes.push(l) });
    expect(claimed.removedStale).toEqual([stale]);
    expect(notes).toEqual([`removed ${stale}, a temporary file of an earlier run that did not finish`]);
    expect(fs.existsSync(stale)).toBe(false);
  });
});
