// Continued BPE: new characters by coverage, then new merges learned over the base's own
// segmentation, most frequent adjacent pair first; each merge is applied as the encoder would.
import { BpeEncoder } from '../bpe/encoder.js';
import { PairTable } from '../bpe/pair-table.js';
import { containsJapanese, isJapaneseCodePoint } from '../corpus/unicode.js';
import { PieceType, type Model } from '../vocab/model.js';
import { Pacer, type RunControl } from '../progress.js';
import { PairHeap } from './heap.js';

/** A learned piece in training order. */
export interface TrainedPiece {
  piece: string;
  kind: 'new-char' | 'new-merge';
  count: number; // weighted occurrences when it was created
}

/** Options of the trainer (a subset of BuildSpec). */
export interface TrainOptions extends RunControl {
  maxPieces: number; // stop after this many new pieces
  characterCoverage: number;
  allowNonJapanese: boolean;
  maxPieceLength: number;
  minPairCount: number;
  seedChars?: string[]; // characters added before the coverage ones (from-scratch: ▁)
}

/** Training result: pieces in order plus facts for the manifest. */
export interface TrainResult {
  pieces: TrainedPiece[];
  charCoverage: { japaneseChars: number; covered: number; occurrences: number; coveredOccurrences: number };
  words: number;
}

/** The lowest regular score of the base; new piece k gets this minus (k + 1). */
export function appendScoreOrigin(model: Model): number {
  let min = 0;
  for (const p of model.pieces) if (p.type === PieceType.NORMAL && p.score > -1e8 && p.score < min) min = p.score;
  return min;
}

/** Picks the characters that cover `coverage` of the eligible character occurrences. */
export function coverageChars(
  chunkCounts: Map<string, number>,
  coverage: number,
  eligible: (cp: number) => boolean,
): { chars: { ch: string; count: number }[]; occurrences: number; covered: number } {
  const counts = new Map<number, number>();
  for (const [chunk, n] of chunkCounts) {
    for (const ch of chunk) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x2581 || !eligible(cp)) continue;
      counts.set(cp, (counts.get(cp) ?? 0) + n);
    }
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  const chars: { ch: string; count: number }[] = [];
  let acc = 0;
  for (const [cp, n] of sorted) {
    if (acc >= coverage * total) break;
    chars.push({ ch: String.fromCodePoint(cp), count: n });
    acc += n;
  }
  return { chars, occurrences: total, covered: acc };
}

/** Runs continued BPE over chunk counts on top of `base`. */
export async function trainContinued(base: Model, chunkCounts: Map<string, number>, opts: TrainOptions): Promise<TrainResult> {
  const pacer = new Pacer(opts.signal);
  const enc = new BpeEncoder(base.pieces);
  const origin = appendScoreOrigin(base);
  const out: TrainedPiece[] = [];
  const eligible = opts.allowNonJapanese ? (cp: number) => cp !== 0x20 && cp !== 0 : isJapaneseCodePoint;
  const cov = coverageChars(chunkCounts, opts.characterCoverage, eligible);
  const seeds = (opts.seedChars ?? []).map((ch) => ({ ch, count: 0 }));
  for (const { ch, count } of [...seeds, ...cov.chars]) {
    if (out.length >= opts.maxPieces) break;
    if (enc.pieceToId.has(ch)) continue;
    enc.addPiece(ch, origin - (out.length + 1));
    out.push({ piece: ch, kind: 'new-char', count });
  }
  const report = opts.onProgress ?? (() => {});

  // Words: the base segmentation of each chunk, split where a character is no piece.
  let pool = new Int32Array(1 << 20);
  let poolLen = 0;
  const starts: number[] = [];
  const lens: number[] = [];
  const wcounts: number[] = [];
  let done = 0;
  for (const [chunk, n] of chunkCounts) {
    if (++done % 4096 === 0) {
      await pacer.pace();
      if (done % 65536 === 0) report({ stage: 'segment', current: done, total: chunkCounts.size });
    }
    if (!opts.allowNonJapanese && !containsJapanese(chunk)) continue;
    const syms = enc.charSymbols(chunk);
    let s = 0;
    for (let i = 0; i <= syms.length; i++) {
      if (i < syms.length && syms[i]! >= 0) continue;
      if (i - s >= 2) {
        const seg = enc.merge(syms.slice(s, i));
        if (seg.length >= 2) {
          if (poolLen + seg.length > pool.length) {
            const g = new Int32Array(pool.length * 2);
            g.set(pool);
            pool = g;
          }
          starts.push(poolLen);
          lens.push(seg.length);
          wcounts.push(n);
          pool.set(seg, poolLen);
          poolLen += seg.length;
        }
      }
      s = i + 1;
    }
  }
  const nWords = starts.length;
  // Pair statistics: a dense index per pair, its weighted count and the words it occurs in.
  const table = new PairTable(Math.max(1 << 12, poolLen >> 2));
  let counts = new Float64Array(Math.max(1 << 12, poolLen >> 2));
  const where: (number[] | undefined)[] = [];
  const note = (p: number, w: number) => {
    const ws = where[p];
    if (ws === undefined) where[p] = [w];
    else if (ws[ws.length - 1] !== w) ws.push(w);
  };
  // Pending count changes of one merge step, applied together; sized with `counts`.
  let delta = new Float64Array(counts.length);
  const pairOf = (a: number, b: number) => {
    const p = table.intern(a, b);
    if (p >= counts.length) {
      const size = Math.max(counts.length * 2, p + 1);
      const g = new Float64Array(size);
      g.set(counts);
      counts = g;
      const h = new Float64Array(size);
      h.set(delta);
      delta = h;
    }
    return p;
  };
  for (let w = 0; w < nWords; w++) {
    if ((w & 16383) === 0) await pacer.pace();
    const st = starts[w]!;
    const n = wcounts[w]!;
    for (let i = st; i < st + lens[w]! - 1; i++) {
      const p = pairOf(pool[i]!, pool[i + 1]!);
      counts[p] = counts[p]! + n;
      note(p, w);
    }
  }
  const heap = new PairHeap();
  const tie = (p: number) => table.lefts[p]! * 2097152 + table.rights[p]!;
  const minCount = opts.minPairCount;
  for (let p = 0; p < table.size; p++) if (counts[p]! >= minCount) heap.push(counts[p]!, p, tie(p)); // rarer pairs enter when they grow
  const invalid = new Set<number>(); // pairs that can never be a piece (too long, policy, …)
  const seen = new Int32Array(nWords).fill(-1);
  const touched: number[] = [];
  const bump = (p: number, d: number) => {
    if (delta[p] === 0) touched.push(p);
    delta[p] = delta[p]! + d;
  };
  let step = 0;
  const target = opts.maxPieces;
  while (out.length < target && heap.size > 0) {
    const [c, pi] = heap.pop()!;
    const live = counts[pi]!;
    if (live !== c) {
      if (live >= minCount && live < c) heap.push(live, pi, tie(pi));
      continue;
    }
    if (invalid.has(pi)) continue;
    const l = table.lefts[pi]!;
    const r = table.rights[pi]!;
    const text = enc.texts[l]! + enc.texts[r]!;
    let cps = 0;
    for (const _ of text) cps++;
    if (enc.pieceToId.has(text) || cps > opts.maxPieceLength || (!opts.allowNonJapanese && !containsJapanese(text))) {
      invalid.add(pi);
      continue;
    }
    const id = enc.addPiece(text, origin - (out.length + 1));
    out.push({ piece: text, kind: 'new-merge', count: c });
    step++;
    if (pacer.due()) await pacer.pace();
    if (step % 1000 === 0) report({ stage: 'merge', current: out.length, total: target });
    // Every split of the new piece merges now, as the encoder would.
    const words: number[] = [];
    const splits = enc.splits(id).map(([a, b]) => table.find(a, b)).filter((sp) => sp >= 0);
    for (const sp of splits) {
      for (const w of where[sp] ?? []) {
        if (seen[w] === step) continue;
        seen[w] = step;
        words.push(w);
      }
    }
    // Fast path: one split and no larger piece completed by the new one, so merging is a
    // left-to-right replacement of (l, r); otherwise re-run the encoder on the word.
    const simple = splits.length <= 1 && !enc.completesLarger(id);
    for (const w of words) {
      const st = starts[w]!;
      const len = lens[w]!;
      const n = wcounts[w]!;
      if (simple) {
        let o = st;
        let merged = false;
        for (let i = st; i < st + len; i++) {
          if (i + 1 < st + len && pool[i] === l && pool[i + 1] === r) {
            merged = true;
            bump(pi, -n);
            if (o > st) {
              const prev = pool[o - 1]!;
              bump(pairOf(prev, l), -n);
              const p2 = pairOf(prev, id);
              bump(p2, n);
              note(p2, w);
            }
            if (i + 2 < st + len) {
              const next = pool[i + 2]!;
              bump(pairOf(r, next), -n);
              const p2 = pairOf(id, next);
              bump(p2, n);
              note(p2, w);
            }
            pool[o++] = id;
            i++;
          } else pool[o++] = pool[i]!;
        }
        if (merged) lens[w] = o - st;
        continue;
      }
      let has = false;
      for (let i = st; i < st + len - 1; i++) {
        if (enc.pairs.get(pool[i]!, pool[i + 1]!) === id) { has = true; break; }
      }
      if (!has) continue;
      const before: number[] = [];
      for (let i = st; i < st + len - 1; i++) {
        const p = pairOf(pool[i]!, pool[i + 1]!);
        before.push(p);
        bump(p, -n);
      }
      const after = enc.merge(Array.from(pool.subarray(st, st + len)));
      pool.set(after, st);
      lens[w] = after.length;
      for (let i = 0; i + 1 < after.length; i++) {
        const p = pairOf(after[i]!, after[i + 1]!);
        bump(p, n);
        if (!before.includes(p)) note(p, w);
      }
    }
    for (const p of touched) {
      const d = delta[p]!;
      delta[p] = 0;
      if (d === 0) continue;
      const v = counts[p]! + d;
      counts[p] = v > 0 ? v : 0;
      if (d > 0 && counts[p]! >= minCount) heap.push(counts[p]!, p, tie(p));
    }
    touched.length = 0;
    for (const sp of splits) where[sp] = undefined;
  }
  report({ stage: 'merge', current: out.length, total: target });
  return {
    pieces: out,
    words: nWords,
    charCoverage: {
      japaneseChars: cov.chars.length,
      covered: cov.chars.length,
      occurrences: cov.occurrences,
      coveredOccurrences: cov.covered,
    },
  };
}
