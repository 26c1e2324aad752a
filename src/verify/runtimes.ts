// The three independent runtimes that must agree: HF tokenizers (Rust binding),
// @huggingface/tokenizers (pure JS) and SentencePiece (sentencepiece-js, WASM).
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';
import { InputError } from '../errors.js';
import { throwIfAborted } from '../progress.js';
import { loadSpm, type Spm } from '../spm/runtime.js';

/** The part of @huggingface/tokenizers' Tokenizer tokext uses. (Its published types import
 * './core/Tokenizer' without an extension, which NodeNext resolution cannot follow, so they are
 * written out here.) */
export interface JsRuntime {
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
  decode(ids: number[]): string;
}

/** A loaded directory in all three runtimes. */
export interface Runtimes {
  rust: RustTokenizer;
  js: JsRuntime;
  spm: Spm;
}

/** The pure-JS library's tokenizer for a parsed tokenizer.json and its config. */
function jsRuntime(json: unknown, config: unknown): JsRuntime {
  return new (JsTokenizer as unknown as new (j: unknown, c: unknown) => JsRuntime)(json, config);
}

/** Loads tokenizer.json (twice) and tokenizer.model from `dir`. */
export async function loadRuntimes(dir: string): Promise<Runtimes> {
  return { ...loadJsonRuntimes(dir), spm: await loadSpm(path.join(dir, 'tokenizer.model')) };
}

/** Loads tokenizer.json of `dir` with the Rust binding and the pure-JS library. */
export function loadJsonRuntimes(dir: string): Omit<Runtimes, 'spm'> {
  const jsonPath = path.join(dir, 'tokenizer.json');
  const load = <T>(who: string, file: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw new InputError(
        `${who} cannot load it (${(e as Error).message})`,
        file,
        undefined,
        'the file is corrupt or inconsistent: rebuild or re-export the directory',
      );
    }
  };
  const rust = load('tokenizers (Rust)', jsonPath, () => RustTokenizer.fromFile(jsonPath));
  const json = load('JSON.parse', jsonPath, (): unknown => JSON.parse(fs.readFileSync(jsonPath, 'utf8')));
  const cfgPath = path.join(dir, 'tokenizer_config.json');
  const cfg = fs.existsSync(cfgPath)
    ? load('JSON.parse', cfgPath, (): unknown => JSON.parse(fs.readFileSync(cfgPath, 'utf8')))
    : {};
  const js = load('@huggingface/tokenizers', jsonPath, () => jsRuntime(json, cfg));
  return { rust, js };
}

/** Ids from the Rust binding, without special tokens, in batches. */
export async function rustEncodeAll(
  rust: RustTokenizer,
  texts: readonly string[],
  signal?: AbortSignal,
): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 1024) {
    throwIfAborted(signal);
    const batch = await rust.encodeBatch(texts.slice(i, i + 1024), { addSpecialTokens: false });
    for (const e of batch) out.push(e.getIds());
  }
  return out;
}
