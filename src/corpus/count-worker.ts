// Worker thread of countCorpora: rebuilds the run's pretokenizer from its recipe, then counts each
// batch of texts or lines it is sent.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../threads.js';
import { countBatch, countBuffers, type BatchCounts, type CountTask } from './count-batch.js';
import { pretokenizerOf, type PretokenizerRecipe } from './pretokenize.js';

const pretokenizer = await pretokenizerOf(workerData as PretokenizerRecipe);
serveTasks<CountTask, BatchCounts>((t) => {
  const result = countBatch(pretokenizer, t);
  return { result, transfer: countBuffers(result) };
});
