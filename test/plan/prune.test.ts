// Leaf-frequency pruning: a small example worked by hand, properties on generated merge trees,
// and a pruned build that passes every verify check.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneToSize } from '../../src/plan/prune.js';
import type { TrainedPiece } from '../../src/train/continued.js';
import { build } from '../../src/stages/build.js';
import { defaultSpec } from '../../src/spec.js';
import { CORPORA, HAS_SHARED, tmpDir } from '../helpers.js';

const merge = (a: string, b: string, uses: number): TrainedPiece => ({
  piece: a + b,
  kind: 'new-merge',
  count: uses,
  merge: [a, b],
  uses,
});

describe('pruneToSize', () => {
  // あ and い are base pieces; う is a new character; the rest are new merges.
  const trained: TrainedPiece[] = [
    { piece: 'う', kind: 'new-char', count: 1, uses: 0 }, // unused, but never pruned
    merge('あ', 'い', 10), // 1: made into あいう below, so not a leaf until that goes
    merge('あい', 'う', 3), // 2
    merge('か', 'き', 1), // 3
    merge('さ', 'し', 2), // 4
    merge('た', 'ち', 2), // 5: same uses as 4, trained later: goes first
  ];
  it('removes the least used leaf first, later-trained first among equals, returning its uses to its parts', () => {
    expect(pruneToSize(trained, 4).kept.map((t) => t.piece)).toEqual(['う', 'あい', 'あいう', 'さし']);
    // かき (1) then たち (2, later than さし) then さし (2), then あいう (3), which leaves あい with 10 + 3 uses
    const r = pruneToSize(trained, 2);
    expect(r.kept.map((t) => t.piece)).toEqual(['う', 'あい']);
    expect(r.pruned.map((t) => t.piece)).toEqual(['かき', 'たち', 'さし', 'あいう']);
  });
  it('keeps the first pieces when nothing records uses, and everything when there is room', () => {
    const bare = trained.map(({ uses: _, ...t }) => t);
    expect(pruneToSize(bare, 3).kept.map((t) => t.piece)).toEqual(['う', 'あい', 'あいう']);
    expect(pruneToSize(trained, 9).kept).toEqual(trained);
  });

  it('on generated merge trees: keeps exactly the size, in training order, every kept merge made of kept or base pieces', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const base = ['a', 'b', 'c', 'd'];
      const pieces: TrainedPiece[] = [];
      const n = 2 + Math.floor(rand() * 40);
      for (let i = 0; i < n; i++) {
        const pool = [...base, ...pieces.map((p) => p.piece)];
        if (rand() < 0.1) {
          pieces.push({ piece: `c${i}`, kind: 'new-char', count: 1, uses: Math.floor(rand() * 5) });
          continue;
        }
        const a = pool[Math.floor(rand() * pool.length)]!;
        const b = pool[Math.floor(rand() * pool.length)]!;
        if (pieces.some((p) => p.piece === a + b) || base.includes(a + b)) continue;
        pieces.push(merge(a, b, Math.floor(rand() * 20)));
      }
      const chars = pieces.filter((p) => p.kind === 'new-char').length;
      const keep = chars + Math.floor(rand() * (pieces.length - chars + 1));
      const { kept, pruned } = pruneToSize(pieces, keep);
      expect(kept.length).toBe(keep);
      expect(kept.length + pruned.length).toBe(pieces.length);
      expect(kept.map((p) => pieces.indexOf(p))).toEqual(kept.map((p) => pieces.indexOf(p)).sort((x, y) => x - y));
      const have = new Set([...base, ...kept.map((p) => p.piece)]);
      for (const p of kept)
        for (const part of p.merge ?? []) expect(have.has(part), `${p.piece} lost its part ${part}`).toBe(true);
      expect(pruned.every((p) => p.kind === 'new-merge')).toBe(true);
    }
  });
});

describe.skipIf(!HAS_SHARED)('a pruned build on ja-train-wikipedia', () => {
  it('passes every verify check (reachable, base and English unchanged, never longer) with exactly the target, and records the share', async () => {
    const dir = tmpDir();
    const spec = {
      ...defaultSpec([{ path: path.join(CORPORA, 'ja-train-wikipedia'), weight: 1 }]),
      target: 36000,
      padTo: 36032,
      prune: 0.5,
    };
    const a = await build(spec, { out: path.join(dir, 'pruned'), force: false });
    expect(a.verify!.ok, a.verify!.text).toBe(true);
    expect(a.verify!.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['reachable', 'base-preserved', 'base-language-preserved', 'never-longer']),
    );
    expect(a.vocab.pieces.length).toBe(36032);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'pruned', 'manifest.json'), 'utf8'));
    expect(manifest.spec.prune).toBe(0.5);
  });
});
