// The merge helper thread (merge-helper.ts): waits for work, does it, says so.
import { parentPort, workerData } from 'node:worker_threads';
import { PairTable } from '../bpe/pair-table.js';
import { Ctl, EXIT, FIND, type HelperData } from './merge-helper.js';
import { mergeSimpleRange, StepDeltas, type Onward } from './merge-step.js';

const data = workerData as HelperData;
const words = {
  pool: new Int32Array(data.pool),
  spans: new Int32Array(data.spans),
  counts: new Float64Array(data.counts),
  n: data.n,
};
const list = new Int32Array(data.list);
const ctl = new Int32Array(data.ctl);
const merged = new Float64Array(data.merged);
const queries = new Int32Array(data.queries);
const answers = new Int32Array(data.answers);
const onwardIn = new Int32Array(data.onward);
const d = StepDeltas.attach(data.deltas);
const table = PairTable.reader(data.table);
parentPort!.postMessage('ready');

let seen = 0;
for (;;) {
  Atomics.wait(ctl, Ctl.Seq, seen);
  seen = Atomics.load(ctl, Ctl.Seq);
  if (ctl[Ctl.Command] === EXIT) break;
  try {
    if (ctl[Ctl.Command] === FIND) {
      for (let q = 0, n = ctl[Ctl.Queries]!; q < n; q++) answers[q] = table.find(queries[2 * q]!, queries[2 * q + 1]!);
    } else {
      d.begin(ctl[Ctl.Step]!, ctl[Ctl.Symbols]!);
      const n = ctl[Ctl.Onward]!;
      const before = onwardIn[0]!;
      const onward: Onward | undefined =
        n === 0
          ? undefined
          : {
              before: Array.from(onwardIn.subarray(1, 1 + before)),
              after: Array.from(onwardIn.subarray(1 + before, 1 + n)),
            };
      const at = mergeSimpleRange(
        words,
        d,
        list,
        0,
        ctl[Ctl.To]!,
        ctl[Ctl.Id]!,
        ctl[Ctl.Left]!,
        ctl[Ctl.Right]!,
        onward,
        d.noteKeys.length,
      );
      ctl[Ctl.Keys] = d.nKeys;
      ctl[Ctl.Notes] = d.notes;
      ctl[Ctl.Deferred] = d.nDeferred;
      ctl[Ctl.DoneTo] = at.done;
      merged[0] = d.merged;
    }
  } catch {
    ctl[Ctl.Failed] = 1;
  }
  Atomics.store(ctl, Ctl.Done, seen);
  Atomics.notify(ctl, Ctl.Done);
}
