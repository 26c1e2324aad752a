// The pair statistics on one thread: counting the adjacent pairs of the training words (weighted
// counts and the words each occurs in) and indexing the words of the pairs training may merge, as
// the trainer's threads do for their part. The words are the base segmentation (Mistral, with the
// characters the trainer adds at coverage 0.9995) of the distinct chunks (the build's default
// rule) of the reference job's corpora; `--copies K` repeats them K times with their
// symbols renumbered per copy, so that the tables grow as on a corpus K times larger (K = 8: 5 M
// pairs in 330 M positions, the size of the 2 GB synthetic job's). Medians of --runs, with
// checksums of what each stage found (two checkouts must agree; the pairs' order may differ).
// `--against DIR` times another checkout's compiled dist/ (DIR/dist) alternating with this one.
// Usage: npm run bench:pairs -- [--runs N] [--copies K] [--against DIR]
import fs from 'node:fs';
import path from 'node:path';
import { chunkTasks, median, root, TRAINING_CORPORA } from './jobs.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(opt('--runs', 3));
const copies = Number(opt('--copies', 1));
const against = opt('--against', undefined);
/** Merges the reference job learns: the index lists the pairs counting at least half the count of
 * the pair this many places down, as the trainer does. */
const MERGES = 88_000;

/** The words of the corpora's distinct chunks, `copies` times over. */
async function trainingWords() {
  const files = TRAINING_CORPORA.flatMap((c) =>
    fs
      .readdirSync(c)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(c, f)),
  );
  const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const { tasks, segment } = await chunkTasks(root, text, { coverage: 0.9995, splitByScript: false });
  const parts = tasks.map(segment);
  let symbols = 0;
  let n = 0;
  let top = 0;
  for (const r of parts) {
    symbols += r.symbols.length;
    n += r.lengths.length;
    for (const s of r.symbols) top = Math.max(top, s + 1);
  }
  const pool = new Int32Array(symbols * copies);
  const spans = new Int32Array(2 * n * copies);
  const counts = new Float64Array(n * copies);
  let at = 0;
  let w = 0;
  for (let c = 0; c < copies; c++)
    for (const r of parts) {
      for (let k = 0, start = at; k < r.lengths.length; start += r.lengths[k++], w++) {
        spans[2 * w] = start;
        spans[2 * w + 1] = r.lengths[k];
        counts[w] = r.counts[k];
      }
      for (const s of r.symbols) pool[at++] = s + c * top;
    }
  return { pool, spans, counts, n: n * copies };
}

/** Counting and indexing with a checkout's dist/. */
async function setUp(dir) {
  const lib = (p) => import(path.join(dir, 'dist', ...p.split('/')));
  const { countRange } = await lib('train/pair-stats.js');
  const { indexRange } = await lib('train/pair-index.js');
  const { PairTable } = await lib('bpe/pair-table.js');
  /** The pairs, their counts and the words each occurs in (checkouts before 2b9e385 counted
   * into a PairTable they were given). */
  const count = async (words) => {
    if (countRange.length < 5) return countRange(words, 0, words.n);
    const table = new PairTable(1 << 16);
    const inWords = await countRange(words, 0, words.n, table);
    const size = table.size;
    return {
      left: Int32Array.from({ length: size }, (_, p) => table.left(p)),
      right: Int32Array.from({ length: size }, (_, p) => table.right(p)),
      counts: Float64Array.from({ length: size }, (_, p) => table.count(p)),
      inWords: inWords.slice(0, size),
    };
  };
  return { count, index: indexRange, PairTable };
}

/** A sum over the pairs of a hash of each, whatever their order. */
const pairSum = (r) => {
  let sum = 0;
  for (let k = 0; k < r.left.length; k++)
    sum =
      (sum +
        ((Math.imul(r.left[k], 40503) ^ Math.imul(r.right[k], 9973) ^ r.counts[k] ^ (r.inWords[k] << 7)) >>> 0)) >>>
      0;
  return sum;
};

const words = await trainingWords();
const sides = [{ name: 'this', ...(await setUp(root)) }];
if (against) sides.push({ name: path.basename(path.resolve(against)), ...(await setUp(path.resolve(against))) });
const times = sides.map(() => ({ count: [], index: [] }));
const seen = {};
const agree = (what, sig, side) => {
  if (seen[what] !== undefined && seen[what] !== sig)
    throw new Error(`bench: ${side} ${what}: ${sig}, not ${seen[what]}`);
  seen[what] = sig;
};
for (let k = 0; k < runs; k++)
  for (const [j, s] of sides.entries()) {
    let t0 = performance.now();
    const r = await s.count(words);
    times[j].count.push(performance.now() - t0);
    agree('count', `${r.left.length} pairs, checksum ${pairSum(r)}`, s.name);
    // the listed pairs, in the order counting gave them
    const sorted = Float64Array.from(r.counts).sort().reverse();
    const floor = sorted[Math.min(MERGES, sorted.length) - 1] / 2;
    const ids = [];
    for (let p = 0; p < r.left.length; p++) if (r.counts[p] >= floor) ids.push(p);
    const listed = new s.PairTable(ids.length);
    for (const p of ids) listed.intern(r.left[p], r.right[p]);
    const occurrences = Int32Array.from(ids, (p) => r.inWords[p]);
    t0 = performance.now();
    const entries = await s.index(words, listed, 0, words.n, occurrences);
    times[j].index.push(performance.now() - t0);
    let sum = 0;
    for (let q = 0, at = 0; q < ids.length; q++) {
      let h = Math.imul(r.left[ids[q]], 40503) ^ r.right[ids[q]];
      for (const end = at + occurrences[q]; at < end; at++) h = (Math.imul(h, 31) + entries[at]) | 0;
      sum = (sum + (h >>> 0)) >>> 0;
    }
    agree('index', `${ids.length} pairs listed, ${entries.length} entries, checksum ${sum}`, s.name);
    console.log(
      `run ${k + 1} ${s.name}: count ${times[j].count.at(-1).toFixed(0)} ms, index ${times[j].index.at(-1).toFixed(0)} ms`,
    );
  }
const positions = words.spans[2 * words.n - 2] + words.spans[2 * words.n - 1] - words.n;
console.log(
  `${words.n.toLocaleString('en-US')} words, ${positions.toLocaleString('en-US')} positions (${copies} copies)`,
);
console.log(`count: ${seen.count}; index: ${seen.index}`);
for (const stage of ['count', 'index']) {
  sides.forEach((s, j) =>
    console.log(`${stage} ${s.name}: median ${median(times[j][stage]).toFixed(0)} ms over ${runs} run(s)`),
  );
  if (sides.length > 1)
    console.log(
      `${stage} ratio this/${sides[1].name}: ${(median(times[0][stage]) / median(times[1][stage])).toFixed(2)}`,
    );
}
