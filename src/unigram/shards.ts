// The training lattices split into a fixed number of shards (by the text alone, never by the thread
// count), held in this thread or spread over worker threads; every pass runs on all shards and
// their sums are added in shard order, so a result never depends on how many threads ran it.
import type { Worker } from 'node:worker_threads';
import { startWorker, workerUrl } from '../threads.js';
import type { ChunkText } from './chunks.js';
import { LatticeStore, type PieceSpace, type Sums } from './store.js';
import { PieceTrie, type PieceTrieData } from './trie.js';

/** A request to the shards a thread holds. */
export type ShardOp =
  | {
      kind: 'build';
      shards: { shard: number; text: ChunkText }[];
      trie: PieceTrieData;
      score: Float64Array;
      prob: Float64Array;
      space: PieceSpace;
    }
  | { kind: 'eStep'; prob: Float64Array }
  | { kind: 'viterbi'; score: Float64Array }
  | { kind: 'compact'; alive: Uint8Array; prob: Float64Array; score: Float64Array };

/** What one shard answers. */
export interface ShardReply extends Partial<Sums> {
  shard: number;
  chunks: number;
  edges: number;
}

/** Runs `op` on the shards in `stores` (in shard order); the one implementation both the worker
 * threads and this thread run. */
export function runShardOp(stores: Map<number, LatticeStore>, op: ShardOp): ShardReply[] {
  if (op.kind === 'build') {
    const { trie, score, prob, space } = op;
    const t = PieceTrie.of(trie);
    for (const { shard, text } of op.shards) stores.set(shard, new LatticeStore(text, t, prob, score, space));
  }
  return [...stores.entries()]
    .sort(([a], [b]) => a - b)
    .map(([shard, store]) => {
      const reply: ShardReply = { shard, chunks: 0, edges: 0 };
      if (op.kind === 'eStep') Object.assign(reply, store.eStep(op.prob));
      else if (op.kind === 'viterbi') reply.freq = store.viterbiFreq(op.score);
      else if (op.kind === 'compact') store.compact(op.alive, op.prob, op.score);
      return Object.assign(reply, { chunks: store.chunks, edges: store.edges });
    });
}

/** Buffers of a reply to move (not copy) back. */
export const replyBuffers = (rs: ShardReply[]): ArrayBuffer[] =>
  rs.flatMap((r) => [r.expected, r.freq].filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer));

/** A worker thread holding some shards. */
class ShardThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: ShardReply[]) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.worker = startWorker(workerUrl(import.meta.url, './store-worker.js'));
    this.worker.on('message', (m: { id: number; replies?: ShardReply[]; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.replies!);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`a unigram worker thread exited with code ${code}`)));
  }

  /** Sends `op` (moving the `transfer` buffers: the sender loses them). */
  run(op: ShardOp, transfer: ArrayBuffer[] = []): Promise<ShardReply[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op }, transfer);
    });
  }

  async close(): Promise<void> {
    this.pending.clear();
    await this.worker.terminate();
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/** Shards of the training text: about 2^20 characters each, at most MAX_SHARDS. */
const SHARD_POSITIONS = 1 << 20;
const MAX_SHARDS = 8;

/** The chunk ranges [first, end) of the shards of `text`. */
function shardRanges(text: ChunkText, shardPositions: number): [number, number][] {
  const chunks = text.starts.length - 1;
  const positions = text.starts[chunks]!;
  const count = Math.max(1, Math.min(MAX_SHARDS, chunks, Math.ceil(positions / shardPositions)));
  const ranges: [number, number][] = [];
  let first = 0;
  for (let s = 1; s <= count; s++) {
    let end = first;
    const until = s === count ? positions : (positions * s) / count;
    while (end < chunks && (end === first || text.starts[end]! < until)) end++;
    if (s === count) end = chunks;
    ranges.push([first, end]);
    first = end;
  }
  return ranges;
}

/** Chunks [first, end) of `text` as a text of their own: its own copy (to move to a thread) or views. */
function sliceText(text: ChunkText, [first, end]: [number, number], copy: boolean): ChunkText {
  const from = text.starts[first]!;
  const to = text.starts[end]!;
  return {
    cps: copy ? text.cps.slice(from, to) : text.cps.subarray(from, to),
    starts: text.starts.slice(first, end + 1).map((p) => p - from),
    weights: copy ? text.weights.slice(first, end) : text.weights.subarray(first, end),
    totalWeight: text.totalWeight,
  };
}

/** The sums of every shard's replies, added in shard order. */
function combine(replies: ShardReply[], size: number): Sums & { chunks: number; edges: number } {
  const out = {
    expected: new Float64Array(size),
    freq: new Float64Array(size),
    logLikelihood: 0,
    tokens: 0,
    chunks: 0,
    edges: 0,
  };
  for (const r of replies.sort((a, b) => a.shard - b.shard)) {
    if (r.expected) for (let x = 0; x < size; x++) out.expected[x]! += r.expected[x]!;
    if (r.freq) for (let x = 0; x < size; x++) out.freq[x]! += r.freq[x]!;
    out.logLikelihood += r.logLikelihood ?? 0;
    out.tokens += r.tokens ?? 0;
    out.chunks += r.chunks;
    out.edges += r.edges;
  }
  return out;
}

/** The lattices of the training text in shards, on `threads` threads (1: this one). */
export class LatticeShards {
  /** Chunks and edges after the last pass. */
  chunks = 0;
  edges = 0;

  private constructor(
    private readonly size: number,
    private readonly local: Map<number, LatticeStore>,
    private readonly threads: ShardThread[],
  ) {}

  /** Builds the lattices of `text` (see LatticeStore) in shards of about `shardPositions` characters. */
  static async open(
    text: ChunkText,
    trie: PieceTrie,
    score: Float64Array,
    prob: Float64Array,
    space: PieceSpace,
    threads: number,
    shardPositions = SHARD_POSITIONS,
  ): Promise<LatticeShards> {
    const ranges = shardRanges(text, shardPositions);
    const used = Math.min(threads, ranges.length);
    const shards = new LatticeShards(
      space.unk + 1,
      new Map(),
      used > 1 ? Array.from({ length: used }, () => new ShardThread()) : [],
    );
    try {
      const hosts = Math.max(1, shards.threads.length);
      const built = Array.from({ length: hosts }, (_, h) => {
        const mine = ranges.flatMap((range, shard) =>
          shard % hosts === h ? [{ shard, text: sliceText(text, range, shards.threads.length > 0) }] : [],
        );
        const op: ShardOp = { kind: 'build', shards: mine, trie: trie.data(), score, prob, space };
        if (shards.threads.length === 0) return Promise.resolve(runShardOp(shards.local, op));
        const moved = mine.flatMap(({ text: x }) => [x.cps.buffer, x.starts.buffer, x.weights.buffer] as ArrayBuffer[]);
        return shards.threads[h]!.run(op, moved); // the slices are this op's own copies
      });
      shards.note(combine((await Promise.all(built)).flat(), 0));
      return shards;
    } catch (e) {
      await shards.close();
      throw e;
    }
  }

  /** Forward-backward over every shard (see LatticeStore.eStep). */
  async eStep(prob: Float64Array): Promise<Omit<Sums, 'freq'>> {
    const { expected, logLikelihood, tokens } = this.note(
      combine(await this.runAll({ kind: 'eStep', prob }), this.size),
    );
    return { expected, logLikelihood, tokens };
  }

  /** Best-path counts over every shard (see LatticeStore.viterbiFreq). */
  async viterbiFreq(score: Float64Array): Promise<Float64Array> {
    return this.note(combine(await this.runAll({ kind: 'viterbi', score }), this.size)).freq;
  }

  /** Compacts every shard (see LatticeStore.compact). */
  async compact(alive: Uint8Array, prob: Float64Array, score: Float64Array): Promise<void> {
    this.note(combine(await this.runAll({ kind: 'compact', alive, prob, score }), 0));
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }

  private note<T extends { chunks: number; edges: number }>(sums: T): T {
    [this.chunks, this.edges] = [sums.chunks, sums.edges];
    return sums;
  }

  private async runAll(op: ShardOp): Promise<ShardReply[]> {
    if (this.threads.length === 0) return runShardOp(this.local, op);
    return (await Promise.all(this.threads.map((t) => t.run(op)))).flat();
  }
}
