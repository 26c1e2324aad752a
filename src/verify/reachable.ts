// verify's own reachability, decided by the runtimes and not by the planner's encoder: a new token
// is reachable when its own text, given to the BPE model as one word, encodes to exactly its id.
// The text goes in as the model's own string (byte-level characters, or ▁ for a space), with the
// pipeline around the model switched off: the normaliser (Mistral's Prepend ▁, Qwen3's NFC), the
// pre-tokenizer (regex splits, ByteLevel mapping) and SentencePiece's dummy prefix would otherwise
// change or split the text before the model sees it. That pipeline is the base's, checked elsewhere.
import path from 'node:path';
import { Tokenizer as RustTokenizer, sequenceNormalizer, sequencePreTokenizer } from 'tokenizers';
import { InputError, type InputErrorParts } from '../errors.js';
import { Pacer, throwIfAborted, type RunControl } from '../progress.js';
import { threadCount, WorkerPool, workerUrl } from '../threads.js';
import { loadSpmModel } from '../spm/runtime.js';
import type { Model } from '../vocab/model.js';
import { REBUILD } from './report.js';
import { rustEncodeAll } from './runtimes.js';

/** A token to check: its id and its string in the vocabulary. */
export interface Token {
  id: number;
  text: string;
}

/** The tokenizer.json of `dir` in the Rust binding with an empty normaliser and pre-tokenizer, no
 * truncation or padding (ids are asked for without special tokens: the post-processor adds none). */
function rustModelOnly(dir: string): RustTokenizer {
  const file = path.join(dir, 'tokenizer.json');
  try {
    const rust = RustTokenizer.fromFile(file);
    rust.setNormalizer(sequenceNormalizer([]));
    rust.setPreTokenizer(sequencePreTokenizer([]));
    rust.disableTruncation();
    rust.disablePadding();
    return rust;
  } catch (e) {
    throw new InputError(
      `tokenizers (Rust) cannot load it (${(e as Error).message})`,
      file,
      undefined,
      `the file is corrupt or inconsistent: ${REBUILD}`,
    );
  }
}

/** Ids of `tokens` whose text the Rust binding's BPE model (of `dir`'s tokenizer.json) does not
 * encode to exactly that id, batch by batch. */
export async function rustUnreached(dir: string, tokens: readonly Token[], signal?: AbortSignal): Promise<number[]> {
  const rust = rustModelOnly(dir);
  const ids = await rustEncodeAll(
    rust,
    tokens.map((t) => t.text),
    signal,
  );
  return tokens.filter((t, k) => !isOnly(ids[k]!, t.id)).map((t) => t.id);
}

/** Ids of `tokens` whose piece SentencePiece (over `model` without its dummy prefix, so the
 * piece's own surface is the whole normalised text) does not encode to exactly that id. */
export async function spmUnreached(model: Model, tokens: readonly Token[], signal?: AbortSignal): Promise<number[]> {
  const spm = await loadSpmModel({
    ...model,
    normalizerSpec: { ...model.normalizerSpec, add_dummy_prefix: false, remove_extra_whitespaces: false },
  });
  const pacer = new Pacer(signal);
  const bad: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (k % 256 === 0) await pacer.pace();
    const t = tokens[k]!;
    if (!isOnly(spm.encodeIds(t.text), t.id)) bad.push(t.id);
  }
  return bad;
}

/** A reachability question: do the Rust binding over `dir`'s tokenizer.json and, when `spm` is
 * given, SentencePiece over it encode each token to exactly itself? */
export interface ReachJob {
  dir: string;
  spm?: Model;
  tokens: Token[];
}

/** Ids of the job's tokens that some runtime does not encode to exactly themselves, ascending. */
export async function unreached(job: ReachJob, signal?: AbortSignal): Promise<number[]> {
  const both = await Promise.all([
    rustUnreached(job.dir, job.tokens, signal),
    job.spm ? spmUnreached(job.spm, job.tokens, signal) : [],
  ]);
  return [...new Set(both.flat())].sort((a, b) => a - b);
}

/** A worker's answer to a ReachJob: the unreached ids, or why a runtime could not load the directory. */
export type ReachAnswer = { bad: number[] } | { error: InputErrorParts };

/** `unreached` on a worker thread, so that what the caller does next (loading the runtimes,
 * encoding the texts) runs beside it; on one thread, here. */
export async function unreachedAside(job: ReachJob, run: RunControl = {}): Promise<number[]> {
  if (threadCount(run.threads) === 1) return unreached(job, run.signal);
  const pool = new WorkerPool<ReachJob, ReachAnswer>(workerUrl(import.meta.url, './reachable-worker.js'), null, 1);
  const stop = () => void pool.close();
  run.signal?.addEventListener('abort', stop, { once: true });
  try {
    const a = await pool.run(job);
    if ('error' in a) throw InputError.of(a.error);
    return a.bad;
  } catch (e) {
    throwIfAborted(run.signal); // a thread stopped by the abort: the abort is the error
    throw e;
  } finally {
    run.signal?.removeEventListener('abort', stop);
    await pool.close();
  }
}

/** Exactly one id, `id`. */
const isOnly = (ids: readonly number[], id: number) => ids.length === 1 && ids[0] === id;
