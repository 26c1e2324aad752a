// `tokext train --from-scratch` on corpora of a few lines, with every merge worked out by hand
// (as SentencePiece's bpe_model_trainer_test.cc asserts the exact pieces of a 3-line corpus).
//
// The trainer as read in src/train (scratch.ts, continued.ts, coverage.ts, pair-stats.ts):
// - Chunks: each line is normalised to "▁" + line with spaces as ▁ and cut before every ▁, so a
//   line "hug hug" is the chunk "▁hug" twice. Counts are per distinct chunk.
// - Pieces 0..258: <unk> <s> </s> and the byte pieces <0x00>..<0xFF> (byte fallback).
// - Then ▁ (seeded), then the characters by count (descending; ties by code point) until they
//   cover --character-coverage of the character occurrences (▁ not counted): a character is
//   taken while the occurrences taken so far are below coverage × total.
// - Then merges: the adjacent pair with the highest weighted count (all positions, overlapping
//   ones too, as SentencePiece counts) of at least --min-count (2), applied left to right in
//   every word. Equal counts: the pair with the smaller left id, then the smaller right id
//   (pair-stats.ts tieOf); ids follow the order above, so "smaller" means "added earlier".
// - Learned piece k (0-based: ▁ is 0) scores -k, type NORMAL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tmpDir } from '../helpers.js';

const dir = tmpDir();
/** `tokext train --from-scratch` on `corpus`, run in this worker. */
const train = (corpus: string, out: string, ...args: string[]) =>
  cli(['train', '--from-scratch', '--corpus', corpus, '--out', out, '--progress', 'none', ...args]);
const corpusFile = (name: string, lines: string[]) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, lines.join('\n') + '\n');
  return f;
};
const repeat = (word: string, n: number) => Array<string>(n).fill(word).join(' ');

// --- A minimal reader of tokenizer.model (ModelProto), independent of src/spm. ---
type ProtoPiece = { piece: string; score: number; type: number };
function fields(buf: Buffer, fn: (field: number, wire: number, value: Buffer | number) => void): void {
  let i = 0;
  const varint = () => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++]!;
      v += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) fn(field, wire, varint());
    else if (wire === 1) {
      fn(field, wire, buf.subarray(i, i + 8));
      i += 8;
    } else if (wire === 2) {
      const n = varint();
      fn(field, wire, buf.subarray(i, i + n));
      i += n;
    } else if (wire === 5) {
      fn(field, wire, buf.subarray(i, i + 4));
      i += 4;
    } else throw new Error(`wire type ${wire}`);
  }
}
function readModel(file: string): { pieces: ProtoPiece[]; trainer: Map<number, Buffer | number> } {
  const pieces: ProtoPiece[] = [];
  const trainer = new Map<number, Buffer | number>();
  fields(fs.readFileSync(file), (f, _w, v) => {
    if (f === 1) {
      const p: ProtoPiece = { piece: '', score: 0, type: 1 }; // proto2 defaults: score 0, NORMAL
      fields(v as Buffer, (g, _x, u) => {
        if (g === 1) p.piece = (u as Buffer).toString('utf8');
        else if (g === 2) p.score = (u as Buffer).readFloatLE(0);
        else if (g === 3) p.type = u as number;
      });
      pieces.push(p);
    } else if (f === 2) fields(v as Buffer, (g, _x, u) => trainer.set(g, u));
  });
  return { pieces, trainer };
}
const learned = (out: string) => readModel(path.join(out, 'tokenizer.model')).pieces.slice(259);
const json = (out: string) =>
  JSON.parse(fs.readFileSync(path.join(out, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number>; merges: (string | string[])[] };
  };
const mergeText = (m: string | string[]) => (Array.isArray(m) ? m.join(' ') : m);
const NORMAL = 1;
const BYTE = 6;

// Chunks and counts: ▁hug 10, ▁pug 6, ▁pun 12, ▁bun 1, ▁hugs 5, ▁hun 4.
const HUG = [repeat('hug', 10), repeat('pug', 6), repeat('pun', 12), 'bun', repeat('hugs', 5), repeat('hun', 4)];
// Characters: u 10+6+12+1+5+4 = 38, g 10+6+5 = 21, h 10+5+4 = 19, p 6+12 = 18, n 12+1+4 = 17,
// s 5, b 1; total 119. Coverage 0.9995 × 119 = 118.94: b is taken (118 taken before it).
// So ▁=259 u=260 g=261 h=262 p=263 n=264 s=265 b=266.
// Merges (every step has a single best pair, no tie):
//  1. pairs ▁h 19, hu 19, ug 10+6+5 = 21, ▁p 18, pu 18, un 12+1+4 = 17, gs 5, ▁b 1, bu 1
//     → ug (21). Words: ▁ h ug ×10, ▁ p ug ×6, ▁ p u n ×12, ▁ b u n ×1, ▁ h ug s ×5, ▁ h u n ×4
//  2. ▁h 19, h·ug 15, hu 4, ▁p 18, p·ug 6, pu 12, un 17, ug·s 5 → ▁h (19)
//  3. ▁h·ug 15, ▁h·u 4, ▁p 18, p·ug 6, pu 12, un 17 → ▁p (18)
//  4. ▁h·ug 15, ▁h·u 4, ▁p·ug 6, ▁p·u 12, un 17 → un (17)
//  5. ▁h·ug 15, ▁p·ug 6, ▁p·un 12, ▁h·un 4, ug·s 5, b·un 1 → ▁hug (15)
//  6. ▁p·un 12, ▁p·ug 6, ▁hug·s 5, ▁h·un 4 → ▁pun (12)
//  7. ▁p·ug 6, ▁hug·s 5, ▁h·un 4 → ▁pug (6)
//  8. ▁hug·s 5, ▁h·un 4 → ▁hugs (5)
//  9. ▁h·un 4 → ▁hun (4)
// 10. left: ▁·b 1, b·un 1, below --min-count 2: training ends with 8 + 9 = 17 pieces.
const HUG_PIECES = [
  '▁',
  'u',
  'g',
  'h',
  'p',
  'n',
  's',
  'b',
  'ug',
  '▁h',
  '▁p',
  'un',
  '▁hug',
  '▁pun',
  '▁pug',
  '▁hugs',
  '▁hun',
];
// Each merged piece has exactly one split into two pieces, so tokenizer.json's merges are the
// merge steps above in order.
const HUG_MERGES = ['u g', '▁ h', '▁ p', 'u n', '▁h ug', '▁p un', '▁p ug', '▁hug s', '▁h un'];

describe('train --from-scratch: exact pieces on a tiny corpus', () => {
  const hug = corpusFile('hug.txt', HUG);

  it('learns the hand-worked pieces in order, scored -k, after the specials and the 256 byte pieces', async () => {
    const out = path.join(dir, 'hug');
    const r = await train(hug, out, '--vocab-size', '276');
    expect(r.status, r.stderr).toBe(0);
    const m = readModel(path.join(out, 'tokenizer.model'));
    expect(m.pieces.length).toBe(276);
    expect(m.pieces.slice(0, 3)).toEqual([
      { piece: '<unk>', score: 0, type: 2 },
      { piece: '<s>', score: 0, type: 3 },
      { piece: '</s>', score: 0, type: 3 },
    ]);
    m.pieces
      .slice(3, 259)
      .forEach((p, b) =>
        expect(p).toEqual({ piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, score: 0, type: BYTE }),
      );
    expect(m.pieces.slice(259).map((p) => p.piece)).toEqual(HUG_PIECES);
    expect(m.pieces.slice(259).map((p) => p.score + 0)).toEqual(HUG_PIECES.map((_, k) => -k + 0)); // + 0: -0 is 0
    expect(m.pieces.slice(259).every((p) => p.type === NORMAL)).toBe(true);
    expect(m.trainer.get(3)).toBe(2); // model_type BPE
    expect(m.trainer.get(4)).toBe(276); // vocab_size
    expect(m.trainer.get(35)).toBe(1); // byte_fallback
    // tokenizer.json: the same ids, and the merges in training order
    const j = json(out);
    expect(Object.keys(j.model.vocab).length).toBe(276);
    HUG_PIECES.forEach((p, k) => expect(j.model.vocab[p], p).toBe(259 + k));
    expect(j.model.merges.map(mergeText)).toEqual(HUG_MERGES);
  });

  it('a smaller --vocab-size stops training early: the first pieces of the same order', async () => {
    const out = path.join(dir, 'hug-270');
    const r = await train(hug, out, '--vocab-size', '270');
    expect(r.status, r.stderr).toBe(0);
    expect(learned(out).map((p) => p.piece)).toEqual(HUG_PIECES.slice(0, 11));
  });

  it('refuses a --vocab-size the corpus cannot fill (exit 2), naming the most it can, and writes nothing', async () => {
    const out = path.join(dir, 'hug-277');
    const r = await train(hug, out, '--vocab-size', '277');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the corpus supplied 17 pieces but --vocab-size 277 needs 18');
    expect(r.stderr).toContain('lower --vocab-size to at most 276');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.tokext-tmp-'))).toEqual([]);
  });

  it('--min-count 5 stops before the pairs seen fewer than 5 times', async () => {
    // Steps 1-8 have counts ≥ 5; step 9 (▁hun, 4) is the first below.
    const out = path.join(dir, 'hug-min5');
    const r = await train(hug, out, '--vocab-size', '275', '--min-count', '5');
    expect(r.status, r.stderr).toBe(0);
    expect(learned(out).map((p) => p.piece)).toEqual(HUG_PIECES.slice(0, 16));
  });

  it('--character-coverage leaves the rarest characters to byte fallback', async () => {
    // 0.99 × 119 = 117.81: after u g h p n s (113 occurrences) s is taken (113 < 117.81), then
    // 118 ≥ 117.81 stops before b. "▁bun" then splits at b: only "un" is a word, which adds
    // nothing new (un was counted anyway); ▁·b and b·un were below --min-count already. So
    // every piece but b, in the same order.
    const out = path.join(dir, 'hug-cov');
    const r = await train(hug, out, '--vocab-size', '275', '--character-coverage', '0.99');
    expect(r.status, r.stderr).toBe(0);
    expect(learned(out).map((p) => p.piece)).toEqual(HUG_PIECES.filter((p) => p !== 'b'));
    const m = readModel(path.join(out, 'tokenizer.model'));
    expect((m.trainer.get(10) as Buffer).readFloatLE(0)).toBeCloseTo(0.99, 6); // character_coverage recorded
    expect(m.pieces[3 + 0x62]).toEqual({ piece: '<0x62>', score: 0, type: BYTE }); // b's byte piece is there
    // 0.995 × 119 = 118.405 > 118: b is taken again
    const out2 = path.join(dir, 'hug-cov2');
    expect((await train(hug, out2, '--vocab-size', '276', '--character-coverage', '0.995')).status).toBe(0);
    expect(learned(out2).map((p) => p.piece)).toEqual(HUG_PIECES);
  });

  it('counts overlapping pairs and merges them left to right', async () => {
    // Chunks: ▁aaa 5, ▁bc 4, ▁b 3, ▁aa 1. Characters a 17, b 7, c 4: ▁=259 a=260 b=261 c=262.
    //  1. pairs ▁a 6, aa 2×5+1 = 11 (overlapping: "aaa" holds a·a twice), ▁b 4+3 = 7, bc 4 → aa.
    //     Counted without overlaps a·a would be 6, below ▁b: aa first shows overlaps count.
    //     Left to right "aaa" becomes aa·a: words ▁ aa a ×5, ▁ aa ×1.
    //  2. ▁·aa 6, aa·a 5, ▁b 7, bc 4 → ▁b (7)
    //  3. ▁·aa 6, aa·a 5, ▁b·c 4 → ▁aa (6). Right to left ("a·aa") would have left ▁·aa at 1
    //     and made ▁a (5) here instead.
    //  4. ▁aa·a 5 → ▁aaa;  5. ▁b·c 4 → ▁bc;  then nothing is left.
    const f = corpusFile('aaa.txt', [repeat('aaa', 5), repeat('bc', 4), repeat('b', 3), 'aa']);
    const out = path.join(dir, 'aaa');
    const r = await train(f, out, '--vocab-size', '268');
    expect(r.status, r.stderr).toBe(0);
    expect(learned(out).map((p) => p.piece)).toEqual(['▁', 'a', 'b', 'c', 'aa', '▁b', '▁aa', '▁aaa', '▁bc']);
  });

  it("breaks equal counts by the smaller left id, then right id (not SentencePiece's shorter-then-lexicographic rule)", async () => {
    // Chunks: ▁zyzy 2, ▁abab 2, ▁z 1. Characters z 5, then a b y 4 each (by code point):
    // ▁=259 z=260 a=261 b=262 y=263.
    //  1. zy 4 and ab 4 tie (▁z 3, ▁a 2, yz 2, ba 2): left z (260) < a (261) → zy.
    //     (SentencePiece would take "ab": same length, "ab" < "zy".)
    //  2. ab 4 → ab (ids: zy=264, ab=265). Words ▁ zy zy ×2, ▁ ab ab ×2, ▁ z ×1.
    //  3. ▁·zy 2, zy·zy 2, ▁·ab 2, ab·ab 2 tie: left ▁ (259), then right zy (264) < ab (265) → ▁zy.
    //     (SentencePiece: the shorter ones, ▁zy and ▁ab; "▁ab" < "▁zy" → ▁ab.)
    //  4. ▁·ab 2, ab·ab 2, ▁zy·zy 2 tie: left ▁ → ▁ab.  5. ▁zy·zy (left 266) before ▁ab·ab (267).
    //  6. ▁abab; then only ▁·z (1) is left.
    const f = corpusFile('tie.txt', [repeat('zyzy', 2), repeat('abab', 2), 'z']);
    const out = path.join(dir, 'tie');
    const r = await train(f, out, '--vocab-size', '270');
    expect(r.status, r.stderr).toBe(0);
    expect(learned(out).map((p) => p.piece)).toEqual([
      '▁',
      'z',
      'a',
      'b',
      'y',
      'zy',
      'ab',
      '▁zy',
      '▁ab',
      '▁zyzy',
      '▁abab',
    ]);
  });
});
