// Worker threads for work that is independent item by item (counting batches of text, encoding a
// shard's row groups, segmenting the training chunks): a pool whose results are taken in
// submission order, so what a stage produces never depends on how many threads it ran on.
import os from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

/** The threads a stage uses: `requested` (at least 1), else one per core of the machine. */
export function threadCount(requested?: number): number {
  return Math.max(1, Math.floor(requested ?? os.availableParallelism()));
}

/** The URL of worker module `file` (a .js name) beside the module at `metaUrl`. Workers always run
 * compiled code: a caller loaded from src/ (the tests) gets the module's dist/ twin. */
export function workerUrl(metaUrl: string, file: string): URL {
  const url = new URL(file, metaUrl);
  if (!metaUrl.endsWith('.ts')) return url;
  const at = url.pathname.lastIndexOf('/src/');
  url.pathname = `${url.pathname.slice(0, at)}/dist/${url.pathname.slice(at + 5)}`;
  return url;
}

/** Node's options for a worker thread: this process's, but for --input-type, which a thread
 * refuses (a library user's `node --input-type=module -e …` would otherwise get no threads). */
function threadExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--input-type') i++;
    else if (!argv[i]!.startsWith('--input-type=')) out.push(argv[i]!);
  }
  return out;
}

/** A worker thread running module `url` with `data` as its workerData. */
export function startWorker(url: URL, data?: unknown): Worker {
  return new Worker(url, { workerData: data, execArgv: threadExecArgv() });
}

/** What a task returns from a worker: its result and the buffers moved (not copied) with it. */
export interface TaskResult<Out> {
  result: Out;
  transfer?: ArrayBuffer[];
}

interface Reply<Out> {
  id: number;
  result?: Out;
  error?: string;
}

interface Pending<Out> {
  resolve: (out: Out) => void;
  reject: (e: unknown) => void;
}

/** Worker threads running one module; `run` sends a task to the next free one. */
export class WorkerPool<In, Out> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { input: In; transfer: ArrayBuffer[]; id: number }[] = [];
  private readonly pending = new Map<number, Pending<Out>>();
  private failure?: Error;
  private nextId = 0;

  /** Threads in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /** @param data the module's `workerData` (its set-up, cloned once per thread) */
  constructor(url: URL, data: unknown, threads: number) {
    for (let k = 0; k < threads; k++) {
      const w = startWorker(url, data);
      w.on('message', (m: Reply<Out>) => this.settle(w, m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread exited with code ${code}`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Runs one task; `transfer` lists buffers of `input` to move to the worker. */
  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const done = new Promise<Out>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ input, transfer, id });
    this.dispatch();
    return done;
  }

  /** Stops every thread (pending tasks are dropped). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const t = this.queue.shift()!;
      this.idle.pop()!.postMessage({ id: t.id, input: t.input }, t.transfer);
    }
  }

  private settle(w: Worker, m: Reply<Out>): void {
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    this.idle.push(w);
    if (m.error !== undefined) {
      const e = new Error(m.error);
      p?.reject(e);
      this.fail(e);
    } else p?.resolve(m.result!);
    this.dispatch();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}

/**
 * Tasks sent to `pool` as they come, with at most two per thread in flight (memory stays bounded):
 * each result goes to `take` in the order the tasks were pushed.
 */
export class InOrder<In, Out> {
  private readonly inFlight: Promise<Out>[] = [];

  constructor(
    private readonly pool: WorkerPool<In, Out>,
    private readonly take: (out: Out) => void,
  ) {}

  /** Sends a task; waits (taking results) while too many are in flight. */
  async push(input: In, transfer: ArrayBuffer[] = []): Promise<void> {
    this.inFlight.push(this.pool.run(input, transfer));
    while (this.inFlight.length >= 2 * this.pool.size) this.take(await this.inFlight.shift()!);
  }

  /** Takes every result still to come. */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0) this.take(await this.inFlight.shift()!);
  }

  /** Gives up on the tasks in flight (after a failure: their rejections are expected). */
  abandon(): void {
    for (const p of this.inFlight.splice(0)) p.catch(() => {});
  }
}

/** Runs every input through `pool` (see InOrder) and hands each result to `take` in input order. */
export async function runInOrder<In, Out>(
  pool: WorkerPool<In, Out>,
  inputs: AsyncIterable<[In, ArrayBuffer[]]> | Iterable<[In, ArrayBuffer[]]>,
  take: (out: Out) => void,
): Promise<void> {
  const order = new InOrder(pool, take);
  try {
    for await (const [input, transfer] of inputs) await order.push(input, transfer);
    await order.drain();
  } finally {
    order.abandon();
  }
}

/** Worker side: answers each task with `handle`; a thrown error goes back to the caller's promise. */
export function serveTasks<In, Out>(handle: (input: In) => TaskResult<Out> | Promise<TaskResult<Out>>): void {
  const port = parentPort!;
  port.on('message', (m: { id: number; input: In }) => {
    const answer = async () => {
      try {
        const { result, transfer } = await handle(m.input);
        port.postMessage({ id: m.id, result }, transfer ?? []);
      } catch (e) {
        port.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    };
    void answer();
  });
}
