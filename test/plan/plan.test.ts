import { describe, expect } from 'vitest';
import { it as fcit, fc } from '@fast-check/vitest';
import { it } from 'vitest';
import { planSentencePiece as plan } from '../../src/plan/sentencepiece.js';
import { PieceType, type Piece } from '../../src/vocab/model.js';
import { BpeEncoder } from '../../src/bpe/encoder.js';
import { deriveMerges } from '../../src/bpe/derive.js';
import type { TrainedPiece } from '../../src/train/continued.js';

fc.configureGlobal({ seed: 20261126, numRuns: 60 });

/** Cases of each property that got a plan (not refused): a property refused throughout proves nothing. */
const planned = { random: 0, pruned: 0 };

function toyBase(chars: string[]): Piece[] {
  return [
    { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
    { piece: '<s>', score: 0, type: PieceType.CONTROL },
    { piece: '</s>', score: 0, type: PieceType.CONTROL },
    ...Array.from({ length: 256 }, (_, b) => ({
      piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`,
      score: 0,
      type: PieceType.BYTE,
    })),
    ...['▁', ...chars].map((c, i) => ({ piece: c, score: -(i + 1), type: PieceType.NORMAL })),
  ];
}
const spec = (target: number, padTo: number) => ({ target, padTo, padPrefix: '<|extra_', prune: 0 });
const model = (pieces: Piece[]) => ({ pieces, trainerSpec: {}, normalizerSpec: {}, paddingIds: [] });

describe('plan', () => {
  const base = model(toyBase(['あ', 'い']));
  const trained = [
    { piece: 'う', kind: 'new-char' as const, count: 5 },
    { piece: 'あい', kind: 'new-merge' as const, count: 4 },
    { piece: 'あいう', kind: 'new-merge' as const, count: 3 },
  ];
  it('fills to exactly target and pads with named control tokens', async () => {
    const n = base.pieces.length;
    const p = await plan(base, trained, spec(n + 3, n + 5));
    expect(p.model.pieces.length).toBe(n + 5);
    expect(p.model.pieces.slice(n).map((q) => q.piece)).toEqual(['う', 'あい', 'あいう', '<|extra_0|>', '<|extra_1|>']);
    expect(p.model.paddingIds).toEqual([n + 3, n + 4]);
    expect(p.kinds.slice(n)).toEqual(['new-char', 'new-merge', 'new-merge', 'padding', 'padding']);
    expect(p.model.pieces[n + 3]!.type).toBe(PieceType.CONTROL);
  });
  it('errors with the supply and a suggestion when the corpus is too small', async () => {
    const n = base.pieces.length;
    await expect(plan(base, trained, spec(n + 10, n + 10))).rejects.toThrow(
      /supplied 3 usable new pieces but --target \d+ needs 10/,
    );
    await expect(plan(base, trained, spec(n, n + 1))).rejects.toThrow(/must be an integer above the base size/);
    await expect(plan(base, trained, spec(n + 2, n + 1))).rejects.toThrow(/must be an integer not below --target/);
  });
  it('drops unreachable pieces and keeps the count', async () => {
    const b = model(toyBase(['あ', 'い', 'う', 'え']));
    const n = b.pieces.length;
    // あいうえ (learned as あい + うえ) can never form: in its own text いう merges first (it scores
    // higher), leaving あ いう え, and neither あいう nor いうえ is a piece.
    const m = (piece: string) => ({ piece, kind: 'new-merge' as const, count: 1 });
    const p = await plan(
      b,
      [
        m('いう'),
        m('あい'),
        m('うえ'),
        { ...m('あいうえ'), merge: ['あい', 'うえ'] as [string, string] },
        { piece: 'お', kind: 'new-char' as const, count: 1 },
      ],
      spec(n + 4, n + 4),
    );
    expect(p.dropped).toEqual([{ piece: 'あいうえ', reason: 'unreachable' }]);
    expect(p.model.pieces.slice(n).map((q) => q.piece)).toEqual(['いう', 'あい', 'うえ', 'お']);
    const enc = new BpeEncoder(p.model.pieces);
    for (let id = n; id < n + 4; id++) expect(enc.merge(enc.charSymbols(p.model.pieces[id]!.piece))).toEqual([id]);
  });

  fcit.prop([
    fc.uniqueArray(fc.constantFrom(...'あいうえおかきくけこ'), { minLength: 2, maxLength: 10 }),
    fc.array(fc.string({ unit: fc.constantFrom(...'あいうえおかきくけこ'), minLength: 2, maxLength: 4 }), {
      minLength: 1,
      maxLength: 20,
    }),
    fc.nat(8),
  ])(
    'on random small vocabularies: exact sizes, base kept, padding contiguous, merges keep base order, pieces reachable',
    async (chars, merged, pad) => {
      const b = model(toyBase(chars.slice(0, 1)));
      const n = b.pieces.length;
      const seen = new Set(b.pieces.map((p) => p.piece));
      const trainedRandom = [...chars.slice(1), ...merged]
        .filter((t) => !seen.has(t) && (seen.add(t), true))
        .filter((t) => Array.from(t).every((c) => chars.includes(c)))
        .map((t) => ({ piece: t, kind: t.length === 1 ? ('new-char' as const) : ('new-merge' as const), count: 1 }));
      const chosenTarget = n + Math.max(1, Math.floor(trainedRandom.length / 2));
      let p;
      try {
        p = await plan(b, trainedRandom, spec(chosenTarget, chosenTarget + pad));
      } catch (e) {
        expect(String(e)).toMatch(/usable new pieces/);
        return;
      }
      planned.random++;
      expect(p.model.pieces.length).toBe(chosenTarget + pad);
      expect(p.model.pieces.slice(0, n)).toEqual(b.pieces);
      expect(new Set(p.model.pieces.map((q) => q.piece)).size).toBe(p.model.pieces.length);
      expect(p.model.paddingIds).toEqual(Array.from({ length: pad }, (_, i) => chosenTarget + i));
      const enc = new BpeEncoder(p.model.pieces);
      for (let id = n; id < chosenTarget; id++) {
        expect(enc.merge(enc.charSymbols(p.model.pieces[id]!.piece))).toEqual([id]);
      }
      const baseMerges = deriveMerges(b.pieces).map((m) => m.join(' '));
      const all = deriveMerges(p.model.pieces).map((m) => m.join(' '));
      let k = 0;
      for (const m of all) if (m === baseMerges[k]) k++;
      expect(k).toBe(baseMerges.length);
    },
  );
  it('most random vocabulary cases were planned, not refused', () => expect(planned.random).toBeGreaterThan(30));

  fcit.prop([
    fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(50)), { minLength: 4, maxLength: 40 }),
    fc.nat(6),
    fc.double({ min: 0.2, max: 0.9, noNaN: true }),
  ])(
    'pruned plans on random merge histories: exact sizes, base kept, every kept piece reachable, kept merges made of kept pieces',
    async (steps, pad, share) => {
      const chars = ['あ', 'い', 'う', 'え', 'お'];
      const b = model(toyBase(chars));
      const n = b.pieces.length;
      const have = [...chars];
      const seen = new Set(b.pieces.map((q) => q.piece));
      const trainedRandom: TrainedPiece[] = [];
      for (const [i, j, uses] of steps) {
        // each new merge joins two pieces that exist by then, as continued BPE does
        const l = have[i % have.length]!;
        const r = have[j % have.length]!;
        if (seen.has(l + r) || Array.from(l + r).length > 6) continue;
        seen.add(l + r);
        have.push(l + r);
        trainedRandom.push({ piece: l + r, kind: 'new-merge', count: uses, merge: [l, r], uses });
      }
      fc.pre(trainedRandom.length >= 2);
      const target = n + Math.max(1, Math.floor(trainedRandom.length * share));
      let p;
      try {
        p = await plan(b, trainedRandom, { ...spec(target, target + pad), prune: 1 });
      } catch (e) {
        expect(String(e)).toMatch(/usable new pieces/); // every candidate dropped as unreachable: said so
        return;
      }
      planned.pruned++;
      expect(p.model.pieces.length).toBe(target + pad);
      expect(p.model.pieces.slice(0, n)).toEqual(b.pieces);
      const enc = new BpeEncoder(p.model.pieces);
      for (let id = n; id < target; id++) expect(enc.merge(enc.charSymbols(p.model.pieces[id]!.piece))).toEqual([id]);
      const kept = new Set([...chars, ...p.model.pieces.slice(n, target).map((q) => q.piece)]);
      const byPiece = new Map(trainedRandom.map((t) => [t.piece, t]));
      for (const q of p.model.pieces.slice(n, target))
        for (const part of byPiece.get(q.piece)!.merge!)
          expect(kept.has(part), `${q.piece} without ${part}`).toBe(true);
      // kept in training order
      const order = p.model.pieces.slice(n, target).map((q) => trainedRandom.findIndex((t) => t.piece === q.piece));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    },
  );
  it('most random merge-history cases were planned, not refused', () => expect(planned.pruned).toBeGreaterThan(30));

  it('round-trips random text through the encoder', async () => {
    const p = await plan(base, trained, spec(base.pieces.length + 3, base.pieces.length + 3));
    const enc = new BpeEncoder(p.model.pieces);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('あ', 'い', 'う', 'x', ' ', '😀', '\n') }),
        (s) => enc.decode(enc.encode(s)) === s,
      ),
    );
  });
});
