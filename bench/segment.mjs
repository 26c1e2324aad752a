// The base segmentation on one thread: the distinct Japanese chunks of ja-train-aozora's first
// 40 M characters (2.27 M of them), segmented by Mistral's encoder in tasks of 4,096 as the
// trainer's workers do; medians of --runs, with a checksum of the words (two checkouts must agree).
// `--against DIR` times another checkout's compiled dist/ (DIR/dist) alternating with this one.
// Usage: npm run bench:segment -- [--runs N] [--against DIR]
import fs from 'node:fs';
import path from 'node:path';
import { chunkTasks, median, root, shared } from './jobs.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(opt('--runs', 5));
const against = opt('--against', undefined);

/** The segmentation of a checkout's dist/: its encoder and its tasks over the same chunks. */
async function setUp(dir, text) {
  const { chunks, tasks, segment } = await chunkTasks(dir, text);
  const run = () => {
    const t0 = performance.now();
    let sum = 0;
    let words = 0;
    for (const t of tasks) {
      const r = segment(t);
      words += r.lengths.length;
      for (let i = 0; i < r.symbols.length; i++) sum = (sum * 31 + r.symbols[i]) >>> 0;
    }
    return { ms: performance.now() - t0, words, sum };
  };
  return { chunks, run };
}

const file = path.join(shared, 'ja-train-aozora', 'aozora_pd_selection.txt');
const text = fs.readFileSync(file, 'utf8').slice(0, 40e6);
const sides = [{ name: 'this', ...(await setUp(root, text)) }];
if (against) sides.push({ name: path.basename(path.resolve(against)), ...(await setUp(path.resolve(against), text)) });
const times = sides.map(() => []);
let seen;
for (let k = 0; k < runs; k++)
  sides.forEach((s, j) => {
    const r = s.run();
    times[j].push(r.ms);
    const sig = `${r.words} words, checksum ${r.sum}`;
    if (seen !== undefined && sig !== seen) throw new Error(`bench: ${s.name} made other words (${sig}, not ${seen})`);
    seen = sig;
    console.log(`run ${k + 1} ${s.name}: ${r.ms.toFixed(0)} ms`);
  });
console.log(`${sides[0].chunks.toLocaleString('en-US')} chunks; ${seen}`);
sides.forEach((s, j) => console.log(`${s.name}: median ${median(times[j]).toFixed(0)} ms over ${runs} run(s)`));
if (sides.length > 1) console.log(`ratio this/${sides[1].name}: ${(median(times[0]) / median(times[1])).toFixed(2)}`);
