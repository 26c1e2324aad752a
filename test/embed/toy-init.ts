// The embedding-init.json of a toy extension, shared by the init-embeddings tests: a base of `base`
// ids, 4 new pieces with their base decompositions, then 2 padding tokens.
import fs from 'node:fs';
import path from 'node:path';

/** The toy init file's rows for a base of `base` ids. */
export function toyRows(base: number) {
  return [
    { id: base, piece: 'あ', init: 'mean', from: [5] },
    { id: base + 1, piece: 'あい', init: 'mean', from: [7, 9] },
    { id: base + 2, piece: 'あいうえ', init: 'mean', from: [3, 4, 10, 11] },
    { id: base + 3, piece: 'いう', init: 'mean', from: [12, 39] },
    { id: base + 4, piece: '<|extra_0|>', init: 'zero', from: [] },
    { id: base + 5, piece: '<|extra_1|>', init: 'zero', from: [] },
  ];
}

/** Writes the toy embedding-init.json into `dir` (padded to `padded` rows); returns its path and rows. */
export function writeToyInit(dir: string, base: number, padded = base + 6) {
  const rows = toyRows(base);
  const file = path.join(dir, 'embedding-init.json');
  const init = { base: { name: 'toy', vocab_size: base }, vocab_size: base + 4, padded_vocab_size: padded, rows };
  fs.writeFileSync(file, JSON.stringify(init));
  return { file, rows };
}
