// The merge helper thread (merge-helper.ts): waits for work, does it, says so.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { PairTable, type PairTableBuffers } from '../bpe/pair-table.js';
import { Ctl, EXIT, FIND, type HelperData } from './merge-helper.js';
import { mergeSimpleRange, StepDeltas } from './merge-step.js';

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
const d = StepDeltas.attach(data.deltas);
let table: PairTable | undefined;
let generation = -1;
parentPort!.postMessage('ready');

/** The pair table as the trainer last sent it. */
function currentTable(): PairTable {
  if (ctl[Ctl.Table] !== generation || !table) {
    for (let m = receiveMessageOnPort(data.port); m; m = receiveMessageOnPort(data.port))
      table = PairTable.reader(m.message as PairTableBuffers);
    generation = ctl[Ctl.Table]!;
  }
  return table!;
}

let seen = 0;
for (;;) {
  Atomics.wait(ctl, Ctl.Seq, seen);
  seen = Atomics.load(ctl, Ctl.Seq);
  if (ctl[Ctl.Command] === EXIT) break;
  try {
    if (ctl[Ctl.Command] === FIND) {
      const t = currentTable();
      for (let q = 0, n = ctl[Ctl.Queries]!; q < n; q++) answers[q] = t.find(queries[2 * q]!, queries[2 * q + 1]!);
    } else {
      d.begin(ctl[Ctl.Step]!, ctl[Ctl.Symbols]!);
      const at = mergeSimpleRange(
        words,
        d,
        list,
        0,
        ctl[Ctl.To]!,
        ctl[Ctl.Id]!,
        ctl[Ctl.Left]!,
        ctl[Ctl.Right]!,
        d.noteKeys.length,
      );
      ctl[Ctl.Keys] = d.nKeys;
      ctl[Ctl.Notes] = d.notes;
      ctl[Ctl.DoneTo] = at.done;
      merged[0] = d.merged;
    }
  } catch {
    ctl[Ctl.Failed] = 1;
  }
  Atomics.store(ctl, Ctl.Done, seen);
  Atomics.notify(ctl, Ctl.Done);
}
