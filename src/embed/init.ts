// init-embeddings: grow a safetensors checkpoint's input embeddings and lm_head to the new
// vocabulary, streaming every other tensor; base rows bit-for-bit, new rows from the rule.
import { ARTEFACTS } from '../io/manifest.js';
import { README_NAME } from '../write/readme.js';
import { EMBEDDING_TENSORS } from '../write/embedding-init.js';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError, asOutputError } from '../errors.js';
import { jsonText, writeFileAtomic } from '../io/atomic.js';
import { readJsonFile } from '../io/json.js';
import { parseAs } from '../io/validate.js';
import { z } from 'zod';
import { MANIFEST_NAME, StagedDir } from '../io/staged-dir.js';
import { checkpointManifest } from '../write/manifest.js';
import { TOOL } from '../options.js';
import type { OnProgress } from '../progress.js';
import { DTYPE_BYTES, readRow, writeRow } from './dtype.js';
import { copyRange, headerBytes, readHeader, readTensor, type SafetensorsHeader, type TensorInfo } from './safetensors.js';

/** Initialisation rules. */
/** mean: each new row the mean of its base decomposition (rows without one: a hewitt draw);
 * hewitt: every new row a draw from N(mean, diag var) of the base rows (Hewitt 2021). */
export type InitRule = 'mean' | 'hewitt';

/** Options of init-embeddings. */
export interface InitEmbeddingsOptions {
  model: string; // HF model directory (model.safetensors or a sharded index)
  init: string; // embedding-init.json
  out: string;
  padTo?: number; // default: the init file's padded_vocab_size (or the checkpoint's rows, if more)
  rule?: InitRule; // default mean
  embedName?: string; // default model.embed_tokens.weight
  headName?: string; // default lm_head.weight
  seed?: number; // default 0 (hewitt's noise)
  force?: boolean; // default false
  tokenizerDir?: string; // default: the init file's directory
  onProgress?: OnProgress;
}

/** The defaults of init-embeddings (the CLI shows these). */
export const INIT_DEFAULTS = { rule: 'mean' as InitRule, embedName: EMBEDDING_TENSORS[0]!, headName: EMBEDDING_TENSORS[1]!, seed: 0 };

/** The options with every default filled in. */
type Resolved = InitEmbeddingsOptions & typeof INIT_DEFAULTS & { force: boolean };


/** Why a file of the source model directory must not go with the grown checkpoint, or undefined
 * to copy it: weights in other formats still have the old row count, and the base's tokenizer
 * files describe the old vocabulary (the new ones are copied from the tokenizer directory). */
function leftBehind(name: string): string | undefined {
  if (/\.(bin|pt|pth|ckpt|h5|msgpack|gguf|onnx|pkl|npz)$/i.test(name) || /^(pytorch_model|tf_model|flax_model)\..*index\.json$/.test(name) || /^consolidated\./.test(name)) {
    return 'weights in another format, still of the old vocabulary size';
  }
  if (['params.json', 'tekken.json'].includes(name)) return 'a raw (non-HF) checkpoint description of the old size';
  if (/^tokenizer\.model\.v\d+$/.test(name) || ['vocab.json', 'merges.txt', 'added_tokens.json', 'tokenizer.json', 'tokenizer.model', 'tokenizer_config.json', 'special_tokens_map.json'].includes(name)) {
    return "the base's tokenizer (the extension's files replace it)";
  }
  if (/^readme(\.md)?$/i.test(name)) return "the base model's card (it describes the old vocabulary; the extension's README.md is copied instead)";
  if (name.endsWith('.safetensors')) return 'weights that are not part of the checkpoint (not in its index), still of the old vocabulary size';
  return undefined;
}

/** What a build writes beside the manifest (HF builds: all but tokenizer.model), copied into the grown checkpoint. */
const TOKENIZER_FILES = [...ARTEFACTS, README_NAME];

/**
 * Rows a checkpoint may have beyond its tokenizer's ids (Qwen3: 151,936 rows for 151,669 ids; Gemma 3: 262,208
 * for 262,145): at most 1% more. Anything larger means the init file was built on another tokenizer.
 */
function spareRows(ids: number): number {
  return Math.floor(ids / 100);
}

const initSchema = z.looseObject({
  base: z.looseObject({ name: z.string(), vocab_size: z.int().positive() }),
  padded_vocab_size: z.int().positive(),
  rows: z.array(z.looseObject({ id: z.int().nonnegative(), piece: z.string(), init: z.enum(['mean', 'zero']), from: z.array(z.int()) })),
});
type InitFile = z.infer<typeof initSchema>;

function readInit(file: string): InitFile {
  const hint = 'pass the embedding-init.json that tokext build wrote';
  const v = parseAs(initSchema, readJsonFile(file, hint), file, 'embedding-init.json', hint);
  v.rows.forEach((r, i) => {
    if (r.id !== v.base.vocab_size + i) throw new InputError(`row ${i} has id ${r.id}, expected ${v.base.vocab_size + i}`, file);
    for (const f of r.from) if (!(f >= 0 && f < v.base.vocab_size)) throw new InputError(`row ${r.id} decomposes into id ${f}, outside the base`, file);
  });
  return v;
}

/** Shard files and where each tensor lives. */
function locate(dir: string): { shards: string[]; index?: { metadata?: Record<string, unknown>; weight_map: Record<string, string> } } {
  const indexFile = path.join(dir, 'model.safetensors.index.json');
  if (fs.existsSync(indexFile)) {
    const index = readJsonFile(indexFile) as { metadata?: Record<string, unknown>; weight_map: Record<string, string> };
    if (!index.weight_map) throw new InputError('index has no weight_map', indexFile);
    const shards = [...new Set(Object.values(index.weight_map as Record<string, string>))].sort();
    return { shards, index };
  }
  const single = path.join(dir, 'model.safetensors');
  if (!fs.existsSync(single)) throw new InputError('no model.safetensors or model.safetensors.index.json', dir, undefined, 'point --model at a Hugging Face safetensors checkpoint directory');
  return { shards: ['model.safetensors'] };
}

/** Deterministic standard normal numbers (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** How padding rows of tensor `name` are filled: the output layer's (and a tied matrix, which is
 * the output layer too) with the mean of the base rows, so a padding token's logit is an average
 * token's rather than 0, which can outrank real tokens where most logits are negative (as
 * transformers' mean_resizing); input embeddings with zeros (a padding token is never produced). */
export function paddingRule(name: string, headName: string, tied: boolean): 'mean' | 'zero' {
  return name === headName || tied ? 'mean' : 'zero';
}

/** Writes the resized matrix for one tensor into fd. */
function writeResized(fd: number, h: SafetensorsHeader, name: string, t: TensorInfo, init: InitFile, padTo: number, o: Resolved, padding: 'mean' | 'zero'): void {
  const cols = t.shape[1]!;
  const rows = init.base.vocab_size; // the tokenizer's ids; a checkpoint may have more rows (unused ones, overwritten)
  const base = readTensor(h, name);
  const w = DTYPE_BYTES[t.dtype]!;
  fs.writeSync(fd, base, 0, rows * cols * w); // base rows bit for bit
  let mean: Float32Array | undefined;
  let std: Float32Array | undefined;
  const noise = gaussian(o.seed);
  const padMean = padding === 'mean';
  if (padMean || o.rule === 'hewitt' || init.rows.some((r) => r.init === 'mean' && r.from.length === 0)) {
    const row = new Float32Array(cols);
    const s1 = new Float64Array(cols);
    const s2 = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      readRow(base, t.dtype, i, cols, row);
      for (let c = 0; c < cols; c++) { const x = row[c]!; s1[c] = s1[c]! + x; s2[c] = s2[c]! + x * x; }
    }
    mean = new Float32Array(cols);
    std = new Float32Array(cols);
    for (let c = 0; c < cols; c++) {
      mean[c] = s1[c]! / rows;
      std[c] = Math.sqrt(Math.max(0, s2[c]! / rows - mean[c]! * mean[c]!));
    }
  }
  const chunkRows = 1024;
  const buf = Buffer.alloc(chunkRows * cols * w);
  const acc = new Float32Array(cols);
  const row = new Float32Array(cols);
  for (let start = rows; start < padTo; start += chunkRows) {
    const n = Math.min(chunkRows, padTo - start);
    buf.fill(0, 0, n * cols * w);
    for (let k = 0; k < n; k++) {
      const id = start + k;
      const r = init.rows[id - rows];
      if (!r || r.init === 'zero') { // padding, or beyond the init file
        if (padMean) writeRow(mean!, t.dtype, buf, k * cols * w);
        continue;
      }
      if (o.rule === 'hewitt' || r.from.length === 0) {
        // Hewitt (2021): a draw from the base rows' distribution (diagonal covariance), decompositions aside
        for (let c = 0; c < cols; c++) acc[c] = mean![c]! + std![c]! * noise();
      } else {
        acc.fill(0);
        for (const f of r.from) {
          readRow(base, t.dtype, f, cols, row);
          for (let c = 0; c < cols; c++) acc[c] = Math.fround(acc[c]! + row[c]!);
        }
        const inv = r.from.length;
        for (let c = 0; c < cols; c++) acc[c] = Math.fround(acc[c]! / inv);
      }
      writeRow(acc, t.dtype, buf, k * cols * w);
    }
    fs.writeSync(fd, buf, 0, n * cols * w);
    o.onProgress?.({ stage: `rows ${name}`, current: start + n - rows, total: padTo - rows });
  }
}

/** What init-embeddings wrote. */
export interface InitEmbeddingsResult {
  out: string;
  files: string[];
  padTo: number; // rows of the resized matrices
  resized: string[]; // tensors resized (one when the head is tied to the embeddings)
  checkpointRows: number; // rows the checkpoint had (may exceed the base tokenizer's ids)
  leftBehind: { name: string; why: string }[]; // files of the model directory not carried over
  paddingRows: Record<string, 'mean' | 'zero'>; // how each resized tensor's padding rows were filled
}

/** Runs init-embeddings; writes nothing unless everything succeeds. */
export function initEmbeddings(opts: InitEmbeddingsOptions): InitEmbeddingsResult {
  const d = INIT_DEFAULTS;
  const o: Resolved = { ...opts, rule: opts.rule ?? d.rule, embedName: opts.embedName ?? d.embedName, headName: opts.headName ?? d.headName, seed: opts.seed ?? d.seed, force: opts.force ?? false };
  const staged = new StagedDir(o.out, { force: o.force, inputs: [o.model, o.init, o.tokenizerDir ?? path.dirname(o.init)] });
  try {
    return writeInto(staged, o);
  } catch (e) {
    staged.abort();
    throw asOutputError(e, o.out);
  }
}

type Header = ReturnType<typeof readHeader>;

/** The tensors to grow (the output head only when untied) and how each one's padding rows are filled. */
function growTargets(headers: readonly Header[], o: Resolved, config: Record<string, unknown> | undefined): { targets: string[]; padding: Record<string, 'mean' | 'zero'> } {
  const targets = [o.embedName, o.headName].filter((n) => headers.some((h) => h.tensors.has(n)));
  if (!targets.includes(o.embedName)) {
    const names = headers.flatMap((h) => [...h.tensors.keys()]).filter((n) => /embed|lm_head|wte/.test(n));
    throw new InputError(`tensor '${o.embedName}' not found (similar tensors: ${names.join(', ') || 'none'})`, o.model, undefined, 'pass --embed-name / --head-name');
  }
  const tied = !targets.includes(o.headName);
  if (tied && config?.tie_word_embeddings !== true) {
    throw new InputError(`tensor '${o.headName}' not found and the model does not tie embeddings`, o.model, undefined, 'pass --head-name');
  }
  return { targets, padding: Object.fromEntries(targets.map((n) => [n, paddingRule(n, o.headName, tied)])) };
}

/** Every tensor to grow is a matrix of a supported dtype with the base's rows (plus a few spare). */
function checkTargets(headers: readonly Header[], targets: readonly string[], init: InitFile, initFile: string): void {
  for (const h of headers) for (const n of targets) {
    const t = h.tensors.get(n);
    if (!t) continue;
    if (!DTYPE_BYTES[t.dtype]) throw new InputError(`tensor '${n}' has dtype ${t.dtype}; supported: BF16, F16, F32`, h.file);
    if (t.shape.length !== 2) throw new InputError(`tensor '${n}' has shape [${t.shape}], expected a matrix`, h.file);
    if (t.shape[0]! < init.base.vocab_size || t.shape[0]! > init.base.vocab_size + spareRows(init.base.vocab_size)) {
      throw new InputError(`tensor '${n}' has ${t.shape[0]} rows but ${initFile} is for a base of ${init.base.vocab_size} ids (${init.base.name}; a checkpoint may have at most ${spareRows(init.base.vocab_size)} spare rows)`, h.file, undefined, 'use the embedding-init.json built on this model\'s tokenizer');
    }
  }
}

/** Writes one shard with its target tensors grown to `padTo` rows; returns its data size. */
function writeShard(staged: StagedDir, h: Header, targets: readonly string[], padTo: number, init: InitFile, o: Resolved, padding: Record<string, 'mean' | 'zero'>): number {
  const ordered = [...h.tensors.entries()].sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  let at = 0;
  const outEntries: [string, TensorInfo][] = ordered.map(([name, t]) => {
    const resize = targets.includes(name);
    const shape = resize ? [padTo, t.shape[1]!] : t.shape;
    const len = resize ? padTo * t.shape[1]! * DTYPE_BYTES[t.dtype]! : t.data_offsets[1] - t.data_offsets[0];
    const e: TensorInfo = { dtype: t.dtype, shape, data_offsets: [at, at + len] };
    at += len;
    return [name, e];
  });
  const fd = fs.openSync(staged.file(path.basename(h.file)), 'w');
  try {
    fs.writeSync(fd, headerBytes(outEntries, h.metadata));
    for (const [name, t] of ordered) {
      if (targets.includes(name)) writeResized(fd, h, name, t, init, padTo, o, padding[name]!);
      else copyRange(h.file, h.dataStart + t.data_offsets[0], t.data_offsets[1] - t.data_offsets[0], fd);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return at;
}

/** Carries the model directory's other files over (config.json with the new vocab_size), leaving
 * behind what no longer fits, then the extension's tokenizer files; returns what was left behind. */
function carryFiles(staged: StagedDir, o: Resolved, config: Record<string, unknown> | undefined, padTo: number): { name: string; why: string }[] {
  const left: { name: string; why: string }[] = [];
  for (const name of fs.readdirSync(o.model).sort()) {
    const src = path.join(o.model, name);
    if (!fs.statSync(src).isFile() || name === 'model.safetensors.index.json' || fs.existsSync(staged.file(name))) continue;
    const why = leftBehind(name);
    if (why) left.push({ name, why });
    else if (name === 'config.json') writeFileAtomic(staged.file(name), jsonText({ ...config, vocab_size: padTo }));
    else fs.copyFileSync(src, staged.file(name));
  }
  if (!config) writeFileAtomic(staged.file('config.json'), jsonText({ vocab_size: padTo }));
  const tokDir = o.tokenizerDir ?? path.dirname(path.resolve(o.init));
  for (const name of TOKENIZER_FILES) {
    const src = path.join(tokDir, name);
    if (fs.existsSync(src)) fs.copyFileSync(src, staged.file(name));
  }
  return left;
}

function writeInto(staged: StagedDir, o: Resolved): InitEmbeddingsResult {
  const init = readInit(o.init);
  const { shards, index } = locate(o.model);
  const headers = shards.map((s) => readHeader(path.join(o.model, s)));
  const checkpointRows = Math.max(0, ...headers.flatMap((h) => [o.embedName, o.headName].map((n) => h.tensors.get(n)?.shape[0] ?? 0)));
  // A checkpoint may have more rows than its tokenizer has ids (Qwen3: 151,936 for 151,669): never shrink it.
  const padTo = o.padTo ?? Math.max(init.padded_vocab_size, checkpointRows);
  if (!Number.isInteger(padTo) || padTo < init.base.vocab_size + init.rows.filter((r) => r.init !== 'zero').length) {
    throw new UsageError(`--pad-to ${padTo} is too small for ${init.rows.length} new rows over ${init.base.vocab_size}`);
  }
  const config = fs.existsSync(path.join(o.model, 'config.json')) ? readJsonFile(path.join(o.model, 'config.json')) as Record<string, unknown> : undefined;
  const { targets, padding } = growTargets(headers, o, config);
  checkTargets(headers, targets, init, o.init);
  let total = 0;
  for (const h of headers) total += writeShard(staged, h, targets, padTo, init, o, padding);
  if (index) writeFileAtomic(staged.file('model.safetensors.index.json'), jsonText({ ...index, metadata: { ...(index.metadata ?? {}), total_size: total } }));
  const left = carryFiles(staged, o, config, padTo);
  writeFileAtomic(staged.file(MANIFEST_NAME), jsonText(checkpointManifest({ model: path.resolve(o.model), init: path.resolve(o.init), paddedVocabSize: padTo, rule: o.rule, resized: targets, paddingRows: padding })));
  const files = fs.readdirSync(staged.dir).sort();
  staged.commit();
  return { out: o.out, files, padTo, resized: targets, checkpointRows, leftBehind: left, paddingRows: padding };
}
