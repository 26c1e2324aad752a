// `tokext gguf`: a vocab-only GGUF of an output (a build directory or a stored version), as
// llama.cpp's converter would write its vocabulary, so that llama.cpp loads the extension as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GGUF_NAMES } from '../base/bundled.js';
import { UsageError } from '../errors.js';
import { loadTokenizer } from '../family/load.js';
import { ggufVocabOf, type TokenizerData } from '../gguf/of-tokenizer.js';
import { vocabKvs, type GgufVocab } from '../gguf/vocab.js';
import { ggufBytes, type GgufKv } from '../gguf/writer.js';
import { readJsonFile } from '../io/json.js';
import { GGUF_MARK, claimOutputFile } from '../io/output.js';
import { openStore } from '../store/db.js';
import { exportVersion } from '../store/export.js';
import { referenceInputs, resolveTokenizer } from '../store/resolve.js';
import { loadVersion } from '../store/versions.js';

/** Options of `tokext gguf`. */
export interface GgufOptions {
  db: string; // the store a version label is looked up in
  force?: boolean; // replace an existing file tokext did not write
  architecture?: string; // general.architecture (default: the base's, for the bundled bases)
  pre?: string; // tokenizer.ggml.pre of a byte-level base (default: the base's, for the bundled bases)
  onNote?: (note: string) => void;
}

/** What was written. */
export interface GgufResult {
  out: string;
  tokens: number;
  architecture: string;
  model: GgufVocab['model'];
  pre: string;
}

/** A stored version as a directory: the version exported into a temporary one (removed by `done`). */
async function storedDir(ref: string, db: string): Promise<{ dir: string; done: () => void }> {
  const store = openStore(db, { readonly: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-gguf-'));
  const done = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const dir = path.join(tmp, 'v');
    await exportVersion(loadVersion(store, db, ref), dir, { force: false });
    return { dir, done };
  } catch (e) {
    done();
    throw e;
  } finally {
    store.close();
  }
}

/** The JSON file `name` of `dir`, when there is one. */
function jsonIn(dir: string, name: string): Record<string, unknown> | undefined {
  const f = path.join(dir, name);
  return fs.existsSync(f) ? (readJsonFile(f) as Record<string, unknown>) : undefined;
}

/** The KVs of `dir`'s vocabulary, named `name` (default: the directory's); the architecture and
 * pre-tokenizer name from `o` or its base's. */
function kvsOf(
  dir: string,
  name: string | undefined,
  o: GgufOptions,
): { kvs: GgufKv[]; vocab: GgufVocab; architecture: string } {
  const t = loadTokenizer(dir);
  const spec = t.spec as { base?: string } | undefined;
  const known = GGUF_NAMES[t.baseName ?? spec?.base ?? ''];
  const architecture = o.architecture ?? known?.architecture;
  const pre = o.pre ?? known?.pre;
  if (architecture === undefined)
    throw new UsageError(
      `the llama.cpp architecture of ${t.baseName ?? t.name} is not known to tokext`,
      'pass --architecture (the base model’s general.architecture, e.g. llama, qwen3) and for a byte-level base --pre',
    );
  if (t.byteLevel && pre === undefined)
    throw new UsageError(
      `the llama.cpp pre-tokenizer name of ${t.baseName ?? t.name} is not known to tokext`,
      "pass --pre (the base's tokenizer.ggml.pre, e.g. llama-bpe, qwen2)",
    );
  const data: TokenizerData = {
    ...t,
    tokenizerJson: jsonIn(dir, 'tokenizer.json'),
    config: jsonIn(dir, 'tokenizer_config.json'),
  };
  const vocab = ggufVocabOf(data, pre);
  const kvs: GgufKv[] = [
    { key: 'tokext.format', type: 'string', value: GGUF_MARK },
    ...vocabKvs({ architecture, name: name ?? t.name }, vocab),
  ];
  return { kvs, vocab, architecture };
}

/** Writes a vocab-only GGUF of `ref` (a build directory or a stored version) to `out`. */
export async function writeGgufOf(ref: string, out: string, o: GgufOptions): Promise<GgufResult> {
  const output = claimOutputFile(out, { inputs: referenceInputs([ref], o.db), force: o.force, onNote: o.onNote });
  const r = resolveTokenizer(ref, o.db, 'build directory');
  if (r.kind === 'bundled')
    throw new UsageError(
      `${ref} is a bundled base, not an output`,
      'pass a directory tokext built or a stored version label',
    );
  const { dir, done } = r.kind === 'files' ? { dir: r.path, done: () => undefined } : await storedDir(ref, o.db);
  const name = r.kind === 'stored' ? r.version.label : undefined;
  try {
    const { kvs, vocab, architecture } = kvsOf(dir, name, o);
    output.write(ggufBytes(kvs));
    return { out, tokens: vocab.tokens.length, architecture, model: vocab.model, pre: vocab.pre };
  } finally {
    done();
  }
}
