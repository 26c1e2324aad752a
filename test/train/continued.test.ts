import { describe, expect, it } from 'vitest';
import { sentencePiecePretokenizer } from '../../src/corpus/pretokenize.js';
import { countTexts } from '../../src/corpus/count.js';
import { trainContinued, type TrainOptions } from '../../src/train/continued.js';
import { sentencePieceAlphabet, type AlphabetOptions } from '../../src/train/alphabet.js';
import { charCountsOf, coverageChars } from '../../src/train/coverage.js';
import { loadMistralFromPackage } from '../../src/base/sentencepiece.js';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { scanChunks, segmentedBytes } from '../../src/train/words.js';
import { corpusLines, SAMPLE } from '../helpers.js';

const base = loadMistralFromPackage();
const opts = { maxPieces: 50, characterCoverage: 1, allowNonJapanese: false, maxPieceLength: 16, minPairCount: 2 };
const train = async (lines: string[], o: TrainOptions & AlphabetOptions = opts) =>
  trainContinued(sentencePieceAlphabet(base.model, o), await counts(lines), o);

const counts = (lines: string[]) =>
  countTexts(sentencePiecePretokenizer({ addDummyPrefix: true, splitByScript: true }), lines);

describe('continued BPE', () => {
  const lines = ['機械学習の機械', '機械学習を学ぶ', '機械と学習', 'hello world', '機械学習機械学習'];
  it('adds missing characters first, then merges over the base segmentation, most frequent first', async () => {
    const r = await train(lines);
    const enc = new BpeEncoder(base.model.pieces);
    const newChars = r.pieces.filter((p) => p.kind === 'new-char').map((p) => p.piece);
    for (const ch of newChars) expect(enc.pieceToId.has(ch)).toBe(false);
    expect(newChars).toContain('械');
    const merges = r.pieces.filter((p) => p.kind === 'new-merge');
    expect(merges[0]!.piece).toBe('機械');
    expect(merges.map((m) => m.piece)).toContain('学習');
    for (let i = 1; i < merges.length; i++) expect(merges[i]!.count).toBeLessThanOrEqual(merges[i - 1]!.count);
    for (const m of merges) expect(m.count).toBeGreaterThanOrEqual(2);
  });
  it('learns no piece without Japanese under the default policy, and may with --allow-non-japanese', async () => {
    const eng = ['hello world '.repeat(5), 'zyzzyva zyzzyva zyzzyva'];
    expect((await train(eng)).pieces).toEqual([]);
    // Worked by hand. Chunks: ▁hello ×5, ▁world ×5, ▁zyzzyva ×3. Mistral has ▁world (one token: no
    // pair), segments ▁hello as ▁hell|o and ▁zyzzyva as ▁z(686)|y(28724)|z(28764)|zy(2140)|va(3026).
    // 1. (▁hell, o) counts 5: ▁hello. Then every pair counts 3; ties go to the smaller left id, then right id:
    // 2. (▁z, y) → ▁zy; the word is ▁zy|z|zy|va, and ▁zy's new id is larger than any base id.
    // 3. pairs (▁zy, z), (z 28764, zy 2140), (zy 2140, va): left 2140 is smallest → zyva; word ▁zy|z|zyva.
    // 4. (▁zy, z) vs (z 28764, zyva): 28764 < ▁zy's id → zzyva; 5. (▁zy, zzyva) → ▁zyzzyva.
    const r = await train(eng, { ...opts, allowNonJapanese: true });
    expect(r.pieces.map((p) => [p.piece, p.kind, p.count, p.merge, p.uses])).toEqual([
      ['▁hello', 'new-merge', 5, ['▁hell', 'o'], 5],
      ['▁zy', 'new-merge', 3, ['▁z', 'y'], 0],
      ['zyva', 'new-merge', 3, ['zy', 'va'], 0],
      ['zzyva', 'new-merge', 3, ['z', 'zyva'], 0],
      ['▁zyzzyva', 'new-merge', 3, ['▁zy', 'zzyva'], 3],
    ]);
    expect(r.words).toBe(2);
  });
  it('does not depend on the order of the lines', async () => {
    const a = await train(lines);
    const b = await train([...lines].reverse());
    expect(b).toEqual(a);
    expect(a.pieces.length).toBeGreaterThan(5);
  });
  it('selects coverage characters by frequency', () => {
    const cov = coverageChars(
      charCountsOf([
        ['あああい', 10],
        ['う', 1],
      ]),
      0.9,
      () => true,
    );
    expect(cov.chars.map((x) => x.ch)).toEqual(['あ', 'い']);
    expect(cov.occurrences).toBe(41);
  });

  it('learns the same pieces when more threads count the pairs, and a second merges half of each large step and finds its pairs', async () => {
    const sample = await corpusLines(SAMPLE);
    const o = { ...opts, maxPieces: 400, characterCoverage: 0.9995 };
    const run = (threads: number) => train(sample, { ...o, threads, parallelStepFrom: 4 });
    const one = await run(1);
    const two = await run(2);
    const three = await run(3);
    expect([one.countThreads, two.countThreads, three.countThreads]).toEqual([1, 2, 3]);
    expect(one.sharedSteps).toBe(0);
    expect(two.sharedSteps).toBeGreaterThan(100); // most steps' words were shared
    expect(two.sharedFinds).toBeGreaterThan(100); // and their pairs looked up on both threads
    expect(two.pieces.length).toBe(400);
    expect(two.pieces).toEqual(one.pieces);
    const plain = (r: typeof one) => ({ ...r, sharedSteps: 0, sharedFinds: 0, countThreads: 0 });
    expect(plain(two)).toEqual(plain(one));
    expect(plain(three)).toEqual(plain(one));
  });
});

describe('the counting table beside training', () => {
  /** Trains 200 pieces over the sample with a budget made of the table's bytes, the bytes of the
   * words alone and the trainer's whole estimate; tells whether the table went to disk. */
  const run = async (budget: (table: number, segmented: number, needed: number) => number) => {
    const o = { ...opts, maxPieces: 200, threads: 1 };
    const chunks = await counts(await corpusLines(SAMPLE));
    const enc = sentencePieceAlphabet(base.model, o);
    const plan = (await scanChunks(chunks, enc.rule.trainsOnUnits)).histogram.plan(Infinity);
    const segmented = segmentedBytes(plan.keptUnits, plan.reduction.kept_chunks);
    const memoryBytes = budget(chunks.tableBytes, segmented, plan.reduction.needed_bytes);
    let released = false;
    const release = chunks.release.bind(chunks);
    chunks.release = () => {
      released = true;
      release();
    };
    const r = await trainContinued(enc, chunks, { ...o, memoryBytes });
    return { released, dropped: r.reduction.dropped_chunks, pieces: r.pieces.map((p) => p.piece) };
  };

  it('stays in memory through segmentation when it fits beside the words, and goes to disk when it does not', async () => {
    const free = await run(() => Infinity);
    expect(free.released).toBe(false);
    expect(free.pieces.length).toBe(200);
    // the trainer's estimate and the table together exceed this budget; the table and the words do not
    const fits = await run((table, segmented, needed) => Math.max(needed, table + segmented));
    expect(fits).toEqual(free);
    const spilled = await run((table, segmented, needed) => Math.max(needed, table + segmented - 1));
    expect(spilled).toEqual({ ...free, released: true });
  });
});
