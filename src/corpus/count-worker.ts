// Worker thread: counts the chunks of byte ranges of corpus files and sends back one packed map
// (keys joined by NUL, which no counted line contains, and a Float64Array of counts).
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkCounter } from './pretokenize.js';
import { emptyStats, readCorpusFile, type CorpusFile } from './read.js';

interface Job {
  tasks: CorpusFile[];
  textField: string;
  skipInvalid: boolean;
  byScript: boolean;
}

async function run(job: Job): Promise<void> {
  const counter = new ChunkCounter(true, job.byScript);
  const stats = emptyStats();
  try {
    for (const f of job.tasks) {
      await readCorpusFile(f, { textField: job.textField, skipInvalid: job.skipInvalid }, stats, (t) => counter.add(t, f.weight));
      parentPort!.postMessage({ type: 'progress', bytes: (f.end ?? f.bytes) - (f.start ?? 0) });
    }
  } catch (e) {
    parentPort!.postMessage({ type: 'error', message: (e as Error).message });
    return;
  }
  const keys = [...counter.counts.keys()];
  const counts = new Float64Array(keys.length);
  keys.forEach((k, i) => { counts[i] = counter.counts.get(k)!; });
  parentPort!.postMessage({ type: 'done', keys: keys.join('\u0000'), counts, stats }, [counts.buffer]);
}

void run(workerData as Job);
