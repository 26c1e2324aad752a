// tokext curve: each size is the tokenizer `plan --target SIZE` gives from the same training, and
// the HTML chart shows the --json numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { curveSizes, prefixTokenizerJson } from '../../src/curve/curve.js';
import { loadCurves } from '../../src/store/curves.js';
import { openStore } from '../../src/store/db.js';
import { loadVersion } from '../../src/store/versions.js';
import { HAS_SHARED, CORPORA, SAMPLE, cli, tmpDir } from '../helpers.js';

const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));

/** The curves the store at `db` keeps with version `label`. */
function keptCurves(db: string, label: string) {
  const store = openStore(db, { readonly: true });
  try {
    return loadCurves(store, db, loadVersion(store, db, label).id);
  } finally {
    store.close();
  }
}
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM)
  console.warn(
    'SKIPPING the browser test of the curve report: chromium not installed (apt-get install chromium; .ci/run does)',
  );

describe('curveSizes', () => {
  it('has the base, the build, 16 log-spaced sizes between and the sizes asked for, and refuses others', () => {
    const s = curveSizes(32000, 120073, 16, [45000]);
    expect(s[0]).toBe(32000);
    expect(s.at(-1)).toBe(120073);
    expect(s).toContain(45000);
    expect(s.length).toBeGreaterThanOrEqual(18);
    const added = s
      .slice(1, -1)
      .filter((x) => x !== 45000)
      .map((x) => x - 32000);
    for (let i = 2; i < added.length; i++) expect(added[i]! / added[i - 1]!).toBeCloseTo(added[1]! / added[0]!, 1);
    expect(() => curveSizes(32000, 120073, 16, [130000])).toThrow(/--sizes 130000 is outside 32000\.\.120073/);
  });
});

describe.each([
  ['mistral-7b-v0.1', 32000],
  ['qwen3', 151669],
] as const)('curve of a %s extension', (base, size) => {
  const dir = tmpDir();
  const target = size + 1200;
  // the default 16 sizes on Mistral; 6 on Qwen3, where each size is a 150k-entry tokenizer
  const pointCount = base === 'qwen3' ? 6 : 16;
  const mid = size + 500;
  const built = path.join(dir, 'built');
  const pieces = path.join(dir, 'pieces.json');
  it('measures at N exactly the tokenizer plan --target N gives from the same training', async () => {
    const run = async (args: string[]) => {
      const r = await cli([...args, '--progress', 'none']);
      expect(r.status, r.stderr).toBe(0);
      return r;
    };
    await run(['train', '--base', base, '--corpus', SAMPLE, '--target', String(target), '--out', pieces]);
    await run(['plan', '--pieces', pieces, '--out', path.join(dir, 'full.json')]);
    await run(['write', '--plan', path.join(dir, 'full.json'), '--out', built]);
    await run([
      'plan',
      '--pieces',
      pieces,
      '--target',
      String(mid),
      '--pad-to',
      String(mid),
      '--out',
      path.join(dir, 'mid.json'),
    ]);
    await run(['write', '--plan', path.join(dir, 'mid.json'), '--out', path.join(dir, 'mid'), '--no-verify']);
    // the prefix of the built tokenizer.json is the planned one, as data
    expect(prefixTokenizerJson(read(path.join(built, 'tokenizer.json')), mid)).toEqual(
      read(path.join(dir, 'mid', 'tokenizer.json')),
    );
    const points = JSON.parse(
      (
        await run([
          'curve',
          built,
          '--corpus',
          SAMPLE,
          '--sizes',
          String(mid),
          '--points',
          String(pointCount),
          '--json',
        ])
      ).stdout,
    ) as {
      corpus: string;
      size: number;
      added: number;
      chars_per_token: number;
      added_parameters: number;
    }[];
    expect(points.length).toBeGreaterThanOrEqual(pointCount + 1); // the base and the sizes (mid may be one)
    for (const p of points)
      expect(Object.keys(p).sort()).toEqual(['added', 'added_parameters', 'chars_per_token', 'corpus', 'size']);
    const at = (n: number) => points.find((p) => p.size === n)!;
    expect(at(target).added).toBe(1200);
    expect(at(target).added_parameters).toBe(1200 * 4096 * 2);
    const ev = JSON.parse(
      (await run(['eval', '--tokenizer', path.join(dir, 'mid'), '--tokenizer', built, '--corpus', SAMPLE, '--json']))
        .stdout,
    ) as { chars_per_token: number }[];
    expect(at(mid).chars_per_token).toBe(ev[0]!.chars_per_token);
    expect(at(target).chars_per_token).toBe(ev[1]!.chars_per_token);
    expect(at(size).chars_per_token).toBeLessThan(at(mid).chars_per_token);
    // a store version gives the same curve as its directory; a missing directory is named
    const db = path.join(dir, 'v.db');
    expect((await cli(['import', built, '--label', 'b', '--db', db])).status).toBe(0);
    // (compared where both have a size: the base, mid and the build; every size is computed alike)
    const stored = ['curve', 'b', '--db', db, '--corpus', SAMPLE, '--points', '2', '--sizes', String(mid), '--json'];
    const fromStore = JSON.parse((await run(stored)).stdout) as typeof points;
    const common = fromStore.filter((p) => points.some((q) => q.size === p.size));
    expect(common.map((p) => p.size)).toEqual(expect.arrayContaining([size, mid, target]));
    expect(common).toEqual(points.filter((p) => common.some((q) => q.size === p.size)));
    // the store keeps the curve with the version, one per corpus, replaced when measured again
    // (and left alone with --no-record)
    expect(keptCurves(db, 'b').flatMap((k) => k.points)).toEqual(fromStore);
    const other = ['curve', 'b', '--db', db, '--corpus', SAMPLE, '--points', '3', '--json'];
    const notKept = JSON.parse((await run([...other, '--no-record'])).stdout) as typeof points;
    expect(notKept).not.toEqual(fromStore);
    expect(keptCurves(db, 'b').flatMap((k) => k.points)).toEqual(fromStore);
    await run(other);
    expect(keptCurves(db, 'b').flatMap((k) => k.points)).toEqual(notKept);
    expect(keptCurves(db, 'b')).toHaveLength(1);
    const missing = await cli(['curve', path.join(dir, 'nope'), '--corpus', SAMPLE]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope: no such build directory/);
  });

  if (base === 'mistral-7b-v0.1')
    it.skipIf(!CHROMIUM || !HAS_SHARED)(
      '--report renders in headless Chromium with the --json numbers and the knee marked',
      async () => {
        const report = path.join(dir, 'curve.html');
        const r = await cli([
          'curve',
          built,
          '--corpus',
          SAMPLE,
          '--corpus',
          path.join(CORPORA, 'en-tinyshakespeare'),
          '--tied',
          '--hidden-size',
          '2048',
          '--points',
          '6',
          '--report',
          report,
          '--json',
          '--progress',
          'none',
        ]);
        expect(r.status, r.stderr).toBe(0);
        const points = JSON.parse(r.stdout) as {
          corpus: string;
          size: number;
          added: number;
          chars_per_token: number;
          added_parameters: number;
        }[];
        expect(points.find((p) => p.added === 1200)!.added_parameters).toBe(1200 * 2048);
        const dom = spawnSync(
          CHROMIUM!,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            `--user-data-dir=${path.join(dir, 'profile')}`,
            '--dump-dom',
            `file://${report}`,
          ],
          { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 },
        );
        expect(dom.status, dom.stderr).toBe(0);
        const series = [...dom.stdout.matchAll(/<g class="series" data-corpus="([^"]*)"/g)].map((m) => m[1]);
        expect(series).toEqual(['sample', 'en-tinyshakespeare']);
        const dots = [
          ...dom.stdout.matchAll(
            /<circle class="point" data-corpus="([^"]*)" data-size="(\d+)" data-added="(\d+)" data-value="([^"]*)"/g,
          ),
        ].map((m) => ({ corpus: m[1], size: Number(m[2]), value: Number(m[4]) }));
        for (const p of points.filter((x) => x.added > 0))
          expect(dots).toContainEqual({ corpus: p.corpus, size: p.size, value: p.chars_per_token });
        const knees = [...dom.stdout.matchAll(/<circle class="knee" data-corpus="([^"]*)" data-size="(\d+)"/g)].map(
          (m) => ({ corpus: m[1], size: Number(m[2]) }),
        );
        const sample = points.filter((p) => p.corpus === 'sample');
        const gain = sample.at(-1)!.chars_per_token - sample[0]!.chars_per_token;
        const knee = sample.find((p) => p.chars_per_token - sample[0]!.chars_per_token >= 0.95 * gain)!;
        expect(knees).toContainEqual({ corpus: 'sample', size: knee.size });
      },
    );
});
