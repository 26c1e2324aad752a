// Read every corpus source and count its chunks (pretokens), with file facts for the manifest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ChunkCounter } from '../corpus/pretokenize.js';
import { emptyStats, listCorpusFiles, readCorpusFile, type ReadStats } from '../corpus/read.js';
import { InputError } from '../errors.js';
import type { BuildSpec } from '../spec/spec.js';

/** A corpus input as recorded in the manifest. */
export interface InputFile {
  path: string;
  bytes: number;
  sha256: string;
  weight: number;
}

/** Counting result. */
export interface CountResult {
  counts: Map<string, number>;
  files: InputFile[];
  stats: ReadStats;
}

/** Progress callback shared by all stages. */
export type OnProgress = (p: { stage: string; current: number; total: number }) => void;

/** Streams every corpus file once, hashing and counting as it goes. */
export async function countCorpora(
  spec: Pick<BuildSpec, 'corpora' | 'textField' | 'skipInvalid'> & { splitByScript?: boolean },
  opts: { signal?: AbortSignal; onProgress?: OnProgress } = {},
): Promise<CountResult> {
  const files = spec.corpora.flatMap((c) => listCorpusFiles(c.path, c.weight));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const counter = new ChunkCounter(true, spec.splitByScript !== false);
  const stats = emptyStats();
  const inputs: InputFile[] = [];
  let before = 0;
  for (const f of files) {
    const hash = crypto.createHash('sha256');
    const stream = fs.createReadStream(f.path);
    for await (const chunk of stream) hash.update(chunk as Buffer);
    const w = f.weight;
    await readCorpusFile(f, { textField: spec.textField, skipInvalid: spec.skipInvalid, signal: opts.signal,
      onProgress: (n) => opts.onProgress?.({ stage: 'count', current: before + Math.min(n, f.bytes), total }) },
    stats, (text) => counter.add(text, w));
    before += f.bytes;
    inputs.push({ path: f.path, bytes: f.bytes, sha256: hash.digest('hex'), weight: w });
  }
  if (stats.records === 0) {
    throw new InputError('corpus has no text (every file is empty or every line was skipped)',
      spec.corpora.map((c) => c.path).join(', '), undefined, 'check the --corpus paths');
  }
  return { counts: counter.counts, files: inputs, stats };
}
