// Which base pieces can go: leaf closure on tiny hand-made merge graphs, the order worked by hand.
import { describe, expect, it } from 'vitest';
import { countTexts } from '../../src/corpus/count.js';
import type { Pretokenizer } from '../../src/corpus/pretokenize.js';
import { Script } from '../../src/corpus/unicode.js';
import { addScripts, chooseFreed, foreignPiece, type FreeInput } from '../../src/plan/free.js';
import { usageOf } from '../../src/plan/usage.js';
import { bytesToToken } from '../../src/vocab/bytelevel.js';
import { PieceType, type Piece } from '../../src/vocab/model.js';
import { UsageError } from '../../src/errors.js';

const normal = (piece: string): Piece => ({ piece, score: 0, type: PieceType.NORMAL });

// ids: 0 <unk>, 1 a, 2 b, 3 c, 4 d, 5 ab, 6 abc, 7 cd, 8 abcd, 9 д, 10 дд
const pieces: Piece[] = [
  { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
  ...['a', 'b', 'c', 'd', 'ab', 'abc', 'cd', 'abcd', 'д', 'дд'].map(normal),
];
const merges: [string, string][] = [
  ['a', 'b'], // rank 0 -> ab
  ['ab', 'c'], // rank 1 -> abc
  ['c', 'd'], // rank 2 -> cd
  ['abc', 'd'], // rank 3 -> abcd
  ['д', 'д'], // rank 4 -> дд
];
const input = (share: Record<string, number>, scripts = [Script.Latin]): FreeInput => ({
  pieces,
  merges,
  byteLevel: false,
  share: Float64Array.from(pieces, (p) => share[p.piece] ?? 0),
  scripts: new Set(scripts),
});

describe('chooseFreed: leaf closure', () => {
  it('takes foreign leaves first, then the least used; a removed piece passes its uses to its parts', () => {
    // Leaves at the start: cd, abcd, дд (no kept merge uses them). дд is Cyrillic, which the corpora never
    // show: first. Then abcd (share 0); its parts abc (gets 0 more) becomes a leaf; d is a single character.
    // Then cd (0.1) before abc (0.2); abc's removal passes 0.2 to ab (0.05 -> 0.25), which becomes a leaf: last.
    const ids = chooseFreed(input({ ab: 0.05, abc: 0.2, cd: 0.1, abcd: 0 }), 5);
    expect(ids.map((id) => pieces[id]!.piece)).toEqual(['дд', 'abcd', 'cd', 'abc', 'ab']);
  });
  it('stops at n, and refuses more than the closure can give, saying how many can go', () => {
    expect(chooseFreed(input({}), 2).map((id) => pieces[id]!.piece)).toEqual(['дд', 'abcd']);
    expect(() => chooseFreed(input({}), 6)).toThrow(UsageError);
    expect(() => chooseFreed(input({}), 6)).toThrow(/only 5 base pieces can be freed, 6 were asked for/);
  });
  it('a script the corpora show is not foreign; ties go to the last learned (highest rank) first', () => {
    // all unused, Cyrillic shown: leaves cd (rank 2), abcd (rank 3), дд (rank 4) tie on share: last learned first
    const shown = new Set([Script.Latin]);
    addScripts('д', shown);
    const ids = chooseFreed({ ...input({}), scripts: shown }, 3);
    expect(ids.map((id) => pieces[id]!.piece)).toEqual(['дд', 'abcd', 'cd']);
  });
  it('never removes single characters, special pieces or pieces no merge makes', () => {
    const all = chooseFreed(input({}), 5).map((id) => pieces[id]!.piece);
    for (const p of ['<unk>', 'a', 'b', 'c', 'd', 'д']) expect(all).not.toContain(p);
  });
  it('byte-level: a multi-byte token of one character stays; a piece of a kept merge waits for it', () => {
    const t = (s: string) => bytesToToken(Buffer.from(s, 'utf8'));
    const e1 = bytesToToken(Buffer.from([0xc3])); // first byte of é
    const e2 = bytesToToken(Buffer.from([0xa9]));
    const texts = ['a', 'b', 'Ġ', e1, e2, t('é'), t('ab'), t(' ab'), t('éab')];
    const bp: Piece[] = texts.map(normal);
    const bm: [string, string][] = [
      [e1, e2], // é: one character, never removed
      ['a', 'b'],
      ['Ġ', t('ab')],
      [t('é'), t('ab')],
    ];
    const ids = chooseFreed(
      {
        pieces: bp,
        merges: bm,
        byteLevel: true,
        share: new Float64Array(texts.length),
        scripts: new Set([Script.Latin]),
      },
      3,
    );
    // leaves: " ab" (rank 2), "éab" (rank 3): last learned first; then ab, once neither uses it
    expect(ids.map((id) => texts[id])).toEqual([t('éab'), t(' ab'), t('ab')]);
    expect(() =>
      chooseFreed(
        { pieces: bp, merges: bm, byteLevel: true, share: new Float64Array(texts.length), scripts: new Set() },
        4,
      ),
    ).toThrow(/only 3/);
  });
});

describe('usageOf', () => {
  it("gives each id its largest share of any corpus's tokens, and the scripts the corpora show", async () => {
    const pre: Pretokenizer = { id: 'test', chunks: (t, emit) => emit(t, 0, t.length) };
    const enc = { encode: (chunk: string) => [...chunk].map((ch) => (ch === 'a' ? 1 : ch === 'b' ? 2 : 3)) };
    const one = await countTexts(pre, ['aab', 'ab']); // tokens: a a b a b -> a 3/5, b 2/5
    const two = await countTexts(pre, ['bbbд']); // b 3/4, д (id 3) 1/4
    const u = await usageOf(enc, [one, two], 4);
    expect([...u.share]).toEqual([0, 3 / 5, 3 / 4, 1 / 4]);
    expect(u.scripts.has(Script.Latin)).toBe(true);
    expect(foreignPiece('д', u.scripts)).toBe(false);
    expect(foreignPiece('ω', u.scripts)).toBe(true);
  });
});
