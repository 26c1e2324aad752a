// A second thread for the merge loop: in a step with many words, the helper thread merges the
// later half of them while the trainer merges the first (merge-step.ts). The words live in
// shared memory; each thread gathers its own deltas, and the trainer adds the helper's after its
// own, which gives exactly what one thread gives over all the words (the keys in the order they
// were first seen, the notes in word order, sums of exact weights). Then, while the trainer adds
// the step's new pairs to the pair table, the helper finds the existing ones (PairStats
// findPairs). Work is handed over and collected through Atomics, not messages: a step lasts from
// 0.1 to 100 ms. The helper reads the pair table's arrays as they were when it started; when the
// table grows into new arrays, the trainer finds alone until it starts a new helper (a thread that
// held the old arrays would keep them alive: it seldom collects garbage).
import type { Worker } from 'node:worker_threads';
import type { PairTable, PairTableBuffers } from '../bpe/pair-table.js';
import { startWorker, workerUrl } from '../threads.js';
import type { PairFinder } from './pair-stats.js';
import type { Words } from './pair-index.js';
import { StepDeltas, type DeltaBuffers, type Gathered, type Onward } from './merge-step.js';

/** Slots of the control array shared with the helper thread. */
export const Ctl = {
  Seq: 0, // the trainer's step counter: a new value starts work
  Done: 1, // the helper's: equals Seq when the work is done
  Command: 2, // RUN or EXIT
  Step: 3,
  Symbols: 4,
  Id: 5,
  Left: 6,
  Right: 7,
  To: 8, // words list[0 .. To) are the helper's
  Keys: 9, // out: keys gathered
  Notes: 10, // out: notes gathered
  DoneTo: 11, // out: words merged (fewer than To when its notes would not fit)
  Failed: 12, // out: 1 when the helper threw
  Queries: 13, // FIND: pairs to find
  Deferred: 14, // out: words deferred (StepDeltas.deferred)
  Onward: 15, // symbols in the onward array (0: the step has none)
  Size: 16,
} as const;
export const RUN = 1;
export const EXIT = 2;
export const FIND = 3;

/** The notes the helper keeps for one step; a step with more finishes on the trainer. */
const NOTES = 1 << 21;
/** The most symbols of a step's Onward the helper takes; a step with more runs on the trainer. */
const ONWARD = 1 << 12;
/** How long the trainer waits for a step before it gives up on the helper. */
const PATIENCE_MS = 600_000;

/** What the helper thread is started with. */
export interface HelperData {
  pool: SharedArrayBuffer;
  spans: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  n: number;
  list: SharedArrayBuffer;
  ctl: SharedArrayBuffer;
  merged: SharedArrayBuffer;
  deltas: DeltaBuffers;
  queries: SharedArrayBuffer;
  answers: SharedArrayBuffer;
  onward: SharedArrayBuffer; // before.length, then before, then after
  table: PairTableBuffers;
}

/** The trainer's side of the helper thread. */
export class MergeHelper implements PairFinder {
  private readonly ctl: Int32Array;
  readonly queries: Int32Array;
  readonly answers: Int32Array;
  private readonly table: number; // the generation of the pair table the helper reads
  private readonly merged: Float64Array;
  private readonly list: Int32Array;
  private readonly onward: Int32Array;
  readonly deltas: StepDeltas;
  private seq = 0;
  private from = 0;

  private constructor(
    private readonly worker: Worker,
    data: HelperData,
    deltas: StepDeltas,
    table: PairTable,
  ) {
    this.table = table.generation;
    this.queries = new Int32Array(data.queries);
    this.answers = new Int32Array(data.answers);
    this.ctl = new Int32Array(data.ctl);
    this.merged = new Float64Array(data.merged);
    this.list = new Int32Array(data.list);
    this.onward = new Int32Array(data.onward);
    this.deltas = deltas;
  }

  /** Starts the helper for `words` and `table` (in shared memory) and deltas of `cap` symbols;
   * resolves once it is ready, or to undefined when the words are not shared. */
  static async start(words: Words, table: PairTable, cap: number): Promise<MergeHelper | undefined> {
    const shared = (a: Int32Array | Float64Array) => a.buffer instanceof SharedArrayBuffer;
    if (!shared(words.pool) || !shared(words.spans) || !shared(words.counts)) return undefined;
    const deltas = StepDeltas.shared(cap, NOTES);
    const data: HelperData = {
      pool: words.pool.buffer as SharedArrayBuffer,
      spans: words.spans.buffer as SharedArrayBuffer,
      counts: words.counts.buffer as SharedArrayBuffer,
      n: words.n,
      list: new SharedArrayBuffer(4 * Math.max(1, words.n)),
      ctl: new SharedArrayBuffer(4 * Ctl.Size),
      merged: new SharedArrayBuffer(8),
      deltas: deltas.buffers(),
      queries: new SharedArrayBuffer(4 * 2 * 4 * cap), // a step has at most 4 × cap keys
      answers: new SharedArrayBuffer(4 * 4 * cap),
      onward: new SharedArrayBuffer(4 * (ONWARD + 1)),
      table: table.buffers(),
    };
    const worker = startWorker(workerUrl(import.meta.url, './merge-worker.js'), data);
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the merge helper thread exited with code ${code}`)));
    });
    worker.removeAllListeners();
    worker.on('error', () => {}); // reported through Ctl.Failed or the wait's patience
    return new MergeHelper(worker, data, deltas, table);
  }

  /** Does the helper read `table`'s current arrays? */
  reads(table: PairTable): boolean {
    return table.generation === this.table;
  }

  /** Starts finding the first `n` pairs of `queries` in the table (which it `reads`, and which
   * is not to grow until `wait` returns). */
  find(n: number): void {
    this.ctl[Ctl.Queries] = n;
    this.signal(FIND);
  }

  /** Gives the helper `command`, the rest of the control array being set. */
  private signal(command: number): void {
    this.ctl[Ctl.Command] = command;
    Atomics.store(this.ctl, Ctl.Seq, ++this.seq);
    Atomics.notify(this.ctl, Ctl.Seq);
  }

  /** Can the helper take a step whose new piece merges on with `onward`? */
  takes(onward?: Onward): boolean {
    return !onward || onward.before.length + onward.after.length <= ONWARD;
  }

  /** Hands the helper words `words[from ..)` of a simple step merging (l, r) into `id` (the
   * words where it merges on with `onward`, which the helper `takes`, are deferred). */
  run(
    words: Int32Array,
    from: number,
    step: number,
    symbols: number,
    id: number,
    l: number,
    r: number,
    onward?: Onward,
  ): void {
    const { ctl } = this;
    if (!this.takes(onward)) throw new Error('merge helper: too many onward symbols');
    ctl[Ctl.Onward] = onward ? onward.before.length + onward.after.length : 0;
    if (onward) {
      this.onward[0] = onward.before.length;
      this.onward.set(onward.before, 1);
      this.onward.set(onward.after, 1 + onward.before.length);
    }
    this.list.set(words.subarray(from));
    this.from = from;
    ctl[Ctl.Step] = step;
    ctl[Ctl.Symbols] = symbols;
    ctl[Ctl.Id] = id;
    ctl[Ctl.Left] = l;
    ctl[Ctl.Right] = r;
    ctl[Ctl.To] = words.length - from;
    this.signal(RUN);
  }

  /** Waits for the step `run` handed over; returns what it gathered, with where it stopped
   * (an index into the `words` given to `run`). */
  wait(): Gathered & { doneTo: number } {
    const { ctl } = this;
    const t0 = Date.now();
    for (;;) {
      const done = Atomics.load(ctl, Ctl.Done);
      if (done === this.seq) break;
      Atomics.wait(ctl, Ctl.Done, done, 1000);
      if (Date.now() - t0 > PATIENCE_MS) throw new Error('the merge helper thread stopped answering');
    }
    if (ctl[Ctl.Failed]) throw new Error('the merge helper thread failed');
    return {
      keys: ctl[Ctl.Keys]!,
      notes: ctl[Ctl.Notes]!,
      deferred: ctl[Ctl.Deferred]!,
      merged: this.merged[0]!,
      doneTo: this.from + ctl[Ctl.DoneTo]!,
    };
  }

  /** Stops the helper thread. */
  async close(): Promise<void> {
    this.signal(EXIT);
    await this.worker.terminate();
  }
}
