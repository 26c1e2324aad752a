// Worker thread of verify's reachability check: loads the runtimes over the directory and encodes
// every new token, while the main thread goes on with the other checks.
import { InputError } from '../errors.js';
import { serveTasks } from '../threads.js';
import { unreached, type ReachAnswer, type ReachJob } from './reachable.js';

serveTasks<ReachJob, ReachAnswer>(async (job) => {
  try {
    return { result: { bad: await unreached(job) } };
  } catch (e) {
    if (e instanceof InputError) return { result: { error: e.parts() } };
    throw e;
  }
});
