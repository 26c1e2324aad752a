// Nothing lost, nothing crashes: the hostile-but-realistic uses of issue 9, each with the exit
// code of its class (1 input/output, 2 usage, 130 interrupted) and never a stack trace (70).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/stages/build.js';
import { defaultSpec } from '../../src/spec.js';
import { verifyDir } from '../../src/family/verify.js';
import { openStore } from '../../src/store/db.js';
import { listVersions } from '../../src/store/versions.js';
import { sha256File } from '../../src/io/atomic.js';
import { BIN, ROOT, SAMPLE, cli, copySampleBuild, sampleBuild, temporaries, tmpDir } from '../helpers.js';

const TARGET = ['--target', '32100', '--progress', 'none'];
const spec = () => ({ ...defaultSpec([{ path: SAMPLE, weight: 1 }]), target: 32100, padTo: 32128 });
const noTrace = (r: { stderr: string; status: number | null }) => {
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  expect(r.status).not.toBe(70);
};
const sha = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.statSync(path.join(dir, f)).isFile() ? sha256File(path.join(dir, f)) : 'dir']),
  );

describe('--force replaces only what tokext wrote, never an input', () => {
  const dir = tmpDir();
  const corpus = path.join(dir, 'data', 'ja');
  fs.mkdirSync(corpus, { recursive: true });
  fs.copyFileSync(path.join(SAMPLE, 'sample.txt'), path.join(corpus, 'sample.txt'));

  it('refuses to delete the corpus it reads', async () => {
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      corpus,
      '--out',
      path.join(dir, 'data'),
      '--force',
      ...TARGET,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out .*data contains .*ja, an input of this run/);
    expect(fs.readdirSync(corpus)).toEqual(['sample.txt']);
  });

  it('refuses to replace the directory holding the store, which keeps its versions', async () => {
    const db = path.join(dir, 'vocab', 'tokext.db');
    // a store holding one version: the shared sample build's, copied to b1 (a tokext output the
    // tests below replace and read) and imported
    const b1 = copySampleBuild(path.join(dir, 'b1'));
    fs.mkdirSync(path.dirname(db));
    const imported = await cli(['import', b1, '--label', 'build-1', '--db', db]);
    expect(imported.status, imported.stderr).toBe(0);
    const before = sha256File(db);
    const r = await cli([
      'build',
      '--corpus',
      corpus,
      '--db',
      db,
      '--out',
      path.join(dir, 'vocab'),
      '--force',
      ...TARGET,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/contains .*tokext\.db, an input of this run/);
    expect(sha256File(db)).toBe(before);
    const s = openStore(db, { readonly: true });
    expect(listVersions(s, db).map((v) => v.label)).toEqual(['build-1']);
    s.close();
  });

  it('refuses the working directory and a directory tokext did not write; replaces its own output', async () => {
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(work, 'notes.txt'), 'mine');
    const dot = await cli(['build', '--no-db', '--corpus', corpus, '--out', '.', '--force', ...TARGET], { cwd: work });
    expect(dot.status).toBe(2);
    expect(dot.stderr).toMatch(/contains the working directory/);
    const other = await cli(['build', '--no-db', '--corpus', corpus, '--out', work, '--force', ...TARGET]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/has no tokext manifest\.json, so tokext did not write it/);
    expect(fs.readFileSync(path.join(work, 'notes.txt'), 'utf8')).toBe('mine');
    const again = await cli([
      'build',
      '--no-db',
      '--corpus',
      corpus,
      '--out',
      path.join(dir, 'b1'),
      '--force',
      ...TARGET,
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(temporaries(dir)).toEqual([]);
  });

  it('init-embeddings refuses to replace the source checkpoint', async () => {
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    fs.writeFileSync(path.join(model, 'model.safetensors'), 'weights');
    const r = await cli([
      'init-embeddings',
      '--model',
      model,
      '--init',
      path.join(dir, 'b1', 'embedding-init.json'),
      '--out',
      model,
      '--force',
      '--progress',
      'none',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model is an input of this run/);
    expect(fs.readFileSync(path.join(model, 'model.safetensors'), 'utf8')).toBe('weights');
  });
});

describe('the store is checked before any work and recorded with the commit', () => {
  const dir = tmpDir();
  it.each([
    ['a file that is not SQLite', (p: string) => fs.writeFileSync(p, 'not sqlite'), /not a tokext store/],
    ['a directory', (p: string) => fs.mkdirSync(p), /is a directory, not a store file/],
  ])('refuses --db that is %s, before training and without output', async (_name, make, msg) => {
    const db = path.join(dir, `db-${Math.random()}`);
    make(db);
    const out = path.join(dir, 'o');
    const r = await cli([
      'build',
      '--corpus',
      SAMPLE,
      '--db',
      db,
      '--out',
      out,
      '--progress',
      'json',
      '--target',
      '32100',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/"stage"/); // failed before counting began
    expect(fs.existsSync(out)).toBe(false);
    noTrace(r);
  });

  it('refuses a label that is taken before any work, and the rerun is not blocked', async () => {
    const db = path.join(dir, 'v.db');
    // the label taken by a version already in the store (the shared sample build, imported)
    const taken = await cli(['import', sampleBuild(), '--label', 'x', '--db', db]);
    expect(taken.status, taken.stderr).toBe(0);
    const out = path.join(dir, 'second');
    const r = await cli([
      'build',
      '--corpus',
      SAMPLE,
      '--db',
      db,
      '--label',
      'x',
      '--out',
      out,
      '--progress',
      'json',
      '--target',
      '32100',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a version labelled 'x' already exists/);
    expect(r.stderr).not.toMatch(/"stage"/);
    expect(fs.existsSync(out)).toBe(false);
    const rerun = await cli(['build', '--corpus', SAMPLE, '--db', db, '--label', 'y', '--out', out, ...TARGET]);
    expect(rerun.status).toBe(0);
  });

  it('leaves neither output nor version when recording fails at the commit', async () => {
    const out = path.join(dir, 'rolled-back');
    await expect(
      build(spec(), {
        out,
        force: false,
        record: (_r, _m, swapIn) => {
          swapIn();
          throw new Error('disk full while recording');
        },
      }),
    ).rejects.toThrow(/disk full/);
    expect(fs.existsSync(out)).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  });

  it('two builds racing for one label: exactly one output and one version', async () => {
    const db = path.join(dir, 'race.db');
    const runs = ['r1', 'r2'].map(
      (o) =>
        new Promise<number | null>((resolve) => {
          const c = spawn(
            process.execPath,
            [BIN, 'build', '--corpus', SAMPLE, '--db', db, '--label', 'same', '--out', path.join(dir, o), ...TARGET],
            { cwd: ROOT, stdio: 'ignore' },
          );
          c.on('exit', resolve);
        }),
    );
    const codes = (await Promise.all(runs)).sort();
    expect(codes).toEqual([0, 2]);
    expect(['r1', 'r2'].filter((o) => fs.existsSync(path.join(dir, o))).length).toBe(1);
    const s = openStore(db, { readonly: true });
    expect(listVersions(s, db).map((v) => v.label)).toEqual(['same']);
    s.close();
  });
});

describe('the final rename never replaces an output that appeared meanwhile', () => {
  it("refuses, keeping the other run's directory as it was", async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'o');
    let made = false;
    const p = build(spec(), {
      out,
      force: false,
      onProgress: () => {
        if (made) return;
        made = true;
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(out, 'theirs.txt'), 'other run');
      },
    });
    await expect(p).rejects.toThrow(/output directory appeared while this run was working/);
    expect(fs.readdirSync(out)).toEqual(['theirs.txt']);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('verify is bounded and cancellable', () => {
  const dir = tmpDir();
  it('checks a 20 MB line on its first 4,096 characters, and says so', async () => {
    const out = sampleBuild(); // the build of spec(), read only
    const long = path.join(dir, 'long.txt');
    const line = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').replace(/\n/g, '');
    fs.writeFileSync(long, line.repeat(Math.ceil(20e6 / Buffer.byteLength(line))) + '\n');
    const report = await verifyDir(out, { corpora: [long] });
    expect(report.ok).toBe(true);
    expect(report.notes.join('\n')).toMatch(
      /1 corpus lines longer than 4096 characters were checked on their first 4096 characters/,
    );
    expect(report.efficiency!.chars).toBeLessThanOrEqual(4096);
  });
  it('stops at once when aborted', async () => {
    const ctl = new AbortController();
    const p = verifyDir(sampleBuild(), {
      corpora: [SAMPLE],
      sample: 0,
      signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    await expect(p).rejects.toThrow(/interrupted/);
  });
  it('a build whose parent process is killed stops and leaves nothing behind', async () => {
    const parentDir = tmpDir();
    const outDir = path.join(parentDir, 'o');
    // A parent that starts the build and is then SIGKILLed (as `timeout` kills npx).
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `
      const c = require('child_process').spawn(process.execPath, [${JSON.stringify(BIN)}, 'build', '--no-db', '--corpus', ${JSON.stringify(SAMPLE + ':2')}, '--out', ${JSON.stringify(outDir)}, '--progress', 'json', '--target', '34000'], { stdio: ['ignore', 'ignore', 'pipe'] });
      console.log(c.pid);
      c.stderr.on('data', (d) => { if (String(d).includes('"stage"')) process.stdout.write('started\\n'); });
      setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let text = '';
    await new Promise<void>((resolve) =>
      parent.stdout.on('data', (d) => {
        text += d;
        if (text.includes('started')) resolve();
      }),
    );
    const child = Number(text.split('\n')[0]);
    parent.kill('SIGKILL');
    const gone = async () => {
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(child, 0);
        } catch {
          return true;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    expect(await gone()).toBe(true);
    expect(fs.existsSync(outDir)).toBe(false);
    expect(temporaries(parentDir)).toEqual([]);
  });
});

describe('clear errors instead of stack traces', () => {
  const dir = tmpDir();
  fs.chmodSync(dir, 0o755);
  const built = path.join(dir, 'built');
  it.runIf(process.platform === 'linux')('--out in an unwritable directory (exit 1, path named)', async () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro, { mode: 0o555 });
    fs.chmodSync(ro, 0o555);
    const r = await cli(['build', '--no-db', '--corpus', SAMPLE, '--out', path.join(ro, 'o'), ...TARGET], {
      unprivileged: true,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ro: cannot create the output directory here: permission denied/);
    noTrace(r);
  });
  it('--out whose name is too long for the file system (exit 1 before work)', async () => {
    const r = await cli(['build', '--no-db', '--corpus', SAMPLE, '--out', path.join(dir, 'x'.repeat(256)), ...TARGET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/file name too long \(256 bytes; the limit is 255\)/);
    // 250 bytes is a legal name: the staging name must not push it over the limit.
    const ok = await cli(['build', '--no-db', '--corpus', SAMPLE, '--out', path.join(dir, 'y'.repeat(250)), ...TARGET]);
    expect(ok.status, ok.stderr).toBe(0);
  });
  it.runIf(process.platform === 'linux')('import into a read-only store (exit 1)', async () => {
    copySampleBuild(built); // the build of SAMPLE_BUILD_ARGS: --no-db, --target 32100
    const db = path.join(dir, 'ro.db');
    expect((await cli(['import', built, '--label', 'a', '--db', db])).status).toBe(0);
    fs.chmodSync(db, 0o444);
    const r = await cli(['import', built, '--label', 'b', '--db', db], { unprivileged: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ro\.db: the store is read-only/);
    noTrace(r);
  });
  it('two imports racing for one label: the losers get a usage error', async () => {
    const db = path.join(dir, 'race.db');
    const codes = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<{ code: number | null; err: string }>((resolve) => {
            const c = spawn(process.execPath, [BIN, 'import', built, '--label', 'same', '--db', db], { cwd: ROOT });
            let err = '';
            c.stderr.on('data', (d) => {
              err += d;
            });
            c.on('exit', (code) => resolve({ code, err }));
          }),
      ),
    );
    expect(codes.map((c) => c.code).sort()).toEqual([0, 2, 2]);
    for (const c of codes.filter((x) => x.code === 2)) expect(c.err).toMatch(/'same' already exists|already taken/);
  });
  it('verify on a broken directory: a failing report or the file named, never a trace', async () => {
    const copy = (name: string, edit: (d: string) => void) => {
      const d = path.join(dir, name);
      fs.cpSync(built, d, { recursive: true });
      edit(d);
      return d;
    };
    const lost = copy('lost', (d) => {
      const j = JSON.parse(fs.readFileSync(path.join(d, 'tokenizer.json'), 'utf8'));
      delete j.model.vocab[Object.keys(j.model.vocab)[5000]!];
      fs.writeFileSync(path.join(d, 'tokenizer.json'), JSON.stringify(j));
    });
    const r1 = await cli(['verify', lost]);
    expect(r1.status).toBe(1);
    expect(r1.stdout).toMatch(/FAIL two-views-one-model/);
    const truncated = copy('truncated', (d) => fs.truncateSync(path.join(d, 'tokenizer.json'), 1000));
    const r2 = await cli(['verify', truncated]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/truncated\/tokenizer\.json: not valid JSON/);
    const manifest = copy('manifest', (d) => fs.truncateSync(path.join(d, 'manifest.json'), 100));
    const r3 = await cli(['verify', manifest]);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/manifest\/manifest\.json: not valid JSON/);
    for (const r of [r1, r2, r3]) noTrace(r);
  });
  it('eval --report and diff --remap into a missing directory fail before the work', async () => {
    const e = await cli([
      'eval',
      '--tokenizer',
      built,
      '--corpus',
      SAMPLE,
      '--report',
      '/missing/dir/r.html',
      '--progress',
      'json',
    ]);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/\/missing\/dir: the directory does not exist/);
    expect(e.stderr).not.toMatch(/"stage"/);
    const d = await cli(['diff', built, built, '--remap', '/missing/dir/x.json']);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/\/missing\/dir: the directory does not exist/);
  });
  it('a symbolic link loop in a corpus directory', async () => {
    const c = path.join(dir, 'loop');
    fs.mkdirSync(path.join(c, 'a'), { recursive: true });
    fs.copyFileSync(path.join(SAMPLE, 'sample.txt'), path.join(c, 'a', 'sample.txt'));
    fs.symlinkSync('..', path.join(c, 'a', 'up')); // a link back up is followed once, not forever
    const ok = await cli(['count', '--corpus', c, '--out', path.join(dir, 'c.gz'), '--json', '--progress', 'none']);
    expect(ok.status, ok.stderr).toBe(0);
    fs.symlinkSync('self2', path.join(c, 'self1'));
    fs.symlinkSync('self1', path.join(c, 'self2'));
    const r = await cli(['build', '--no-db', '--corpus', c, '--out', path.join(dir, 'lo'), ...TARGET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/loop\/self1: symbolic link loop/);
  });
});

describe('bounds and validation', () => {
  const dir = tmpDir();
  it('refuses sizes beyond what tokext builds before any work', async () => {
    const r = await cli([
      'build',
      '--no-db',
      '--corpus',
      SAMPLE,
      '--out',
      path.join(dir, 'o'),
      '--pad-to',
      '4000000000',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--pad-to must be between 1 and 2,097,152/);
    expect(temporaries(dir)).toEqual([]);
  });
  it.each([
    [['build', '--corpus', 'x:-1', '--out', 'q'], /bad corpus weight '-1' in --corpus x:-1/],
    [['build', '--corpus', `${SAMPLE}:abc`, '--out', 'q'], /bad corpus weight 'abc'/],
    [['build', '--corpus', SAMPLE, '--target', 'lots', '--out', 'q'], /--target must be a whole number, got 'lots'/],
    [
      ['build', '--corpus', SAMPLE, '--character-coverage', '0.9995abc', '--out', 'q'],
      /--character-coverage must be a number/,
    ],
    [['verify', 'x', '--sample', 'abc'], /--sample must be a whole number/],
    [['diff', 'a', 'b', '--examples', 'abc'], /--examples must be a whole number/],
    [
      ['init-embeddings', '--model', 'm', '--init', 'i', '--out', 'o', '--seed', 'abc'],
      /--seed must be a whole number/,
    ],
  ])('%j is a usage error naming the bad value', async (args, msg) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
  it('eval of a missing tokenizer path says the file is not found', async () => {
    const r = await cli(['eval', '--tokenizer', '/missing/path', '--corpus', SAMPLE]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\/missing\/path: no such file or directory/);
  });
  it('--skip-invalid says how many lines it skipped', async () => {
    const bad = path.join(dir, 'bad.txt');
    fs.writeFileSync(
      bad,
      Buffer.concat([fs.readFileSync(path.join(SAMPLE, 'sample.txt')), Buffer.from([0xff, 0x0a, 0xc3, 0x28, 0x0a])]),
    );
    const r = await cli([
      'build',
      '--no-db',
      '--skip-invalid',
      '--corpus',
      bad,
      '--out',
      path.join(dir, 'skip'),
      ...TARGET,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 bad lines skipped \(invalidUtf8 2\)/);
    const c = await cli([
      'count',
      '--skip-invalid',
      '--corpus',
      bad,
      '--out',
      path.join(dir, 'skip.gz'),
      '--progress',
      'none',
    ]);
    expect(c.stdout).toMatch(/2 bad lines skipped/);
  });
  it('import and eval of a directory with a truncated tokenizer.json fail, naming it', async () => {
    const d = path.join(dir, 'trunc');
    copySampleBuild(d);
    fs.truncateSync(path.join(d, 'tokenizer.json'), 5000);
    for (const args of [
      ['import', d, '--label', 't', '--db', path.join(dir, 'i.db')],
      ['eval', '--tokenizer', d, '--corpus', SAMPLE],
    ]) {
      const r = await cli(args);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/trunc\/tokenizer\.json: not valid JSON/);
    }
  });
  it('verify without manifest.json says what it could not check', async () => {
    const d = path.join(dir, 'nomanifest');
    copySampleBuild(d);
    fs.rmSync(path.join(d, 'manifest.json'));
    const r = await cli(['verify', d]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no manifest\.json: artefact hashes, sizes and policy were not checked/);
  });
  it('--json errors are a JSON object on stdout', async () => {
    const r = await cli(['build', '--corpus', path.join(dir, 'missing'), '--out', path.join(dir, 'o'), '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_USAGE', message: expect.stringMatching(/corpus not found/) },
    });
    const v = await cli(['verify', path.join(dir, 'trunc'), '--json']);
    expect(JSON.parse(v.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_INPUT', file: expect.stringMatching(/tokenizer\.json$/) },
    });
  });
  it("the next run removes a SIGKILLed run's temporary directory and says so", async () => {
    const out = path.join(dir, 'killed');
    // The process doing the work, as the OOM killer would kill it (under the shell, bin/tokext.js
    // would remove what it announced; here nothing does).
    const c = spawn(
      process.execPath,
      [
        path.join(ROOT, 'dist', 'cli', 'run.js'),
        'build',
        '--no-db',
        '--corpus',
        SAMPLE,
        '--out',
        out,
        '--progress',
        'json',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await new Promise<void>((resolve) =>
      c.stderr.on('data', (d) => {
        if (String(d).includes('"stage"')) resolve();
      }),
    );
    c.kill('SIGKILL');
    await new Promise((r) => c.on('exit', r));
    expect(temporaries(dir).length).toBe(1);
    const r = await cli(['build', '--no-db', '--corpus', SAMPLE, '--out', out, ...TARGET]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /removed .*\.tokext-tmp-\d+-[0-9a-f]+, the temporary directory of an earlier run that did not finish/,
    );
    expect(temporaries(dir)).toEqual([]);
    expect(Object.keys(sha(out))).toContain('tokenizer.json');
  });
});
