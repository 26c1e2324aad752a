// Worker thread of buildWords: rebuilds the trainer's alphabet from its recipe, then segments the
// chunks of each task it is sent.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../threads.js';
import { alphabetOf, type AlphabetRecipe } from './alphabet.js';
import { segmentTask, type SegmentResult, type SegmentTask } from './words.js';

const enc = alphabetOf(workerData as AlphabetRecipe);
serveTasks<SegmentTask, SegmentResult>((t) => {
  const result = segmentTask(enc, t);
  return { result, transfer: [result.symbols.buffer, result.lengths.buffer, result.counts.buffer] as ArrayBuffer[] };
});
