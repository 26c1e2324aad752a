// The three independent runtimes that must agree: HF tokenizers (Rust binding),
// @huggingface/tokenizers (pure JS) and SentencePiece (sentencepiece-js, WASM).
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { Tokenizer as JsTokenizer } from '@huggingface/tokenizers';
import spm from 'sentencepiece-js';

/** Emscripten (sentencepiece-js) adds process handlers that rethrow every uncaught error and
 * print its minified source; drop them after each load so errors stay readable. */
export function quietEmscripten(): void {
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
}

/** A loaded directory in all three runtimes. */
export interface Runtimes {
  rust: RustTokenizer;
  js: JsTokenizer;
  spm: { encodeIds(text: string): number[]; decodeIds(ids: number[]): string };
}

/** Loads tokenizer.json (twice) and tokenizer.model from `dir`. */
export async function loadRuntimes(dir: string): Promise<Runtimes> {
  const jsonPath = path.join(dir, 'tokenizer.json');
  const rust = RustTokenizer.fromFile(jsonPath);
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const cfgPath = path.join(dir, 'tokenizer_config.json');
  const cfg = fs.existsSync(cfgPath) ? JSON.parse(fs.readFileSync(cfgPath, 'utf8')) : {};
  const js = new JsTokenizer(json, cfg);
  const sp = new spm.SentencePieceProcessor();
  await sp.load(path.join(dir, 'tokenizer.model'));
  quietEmscripten();
  return { rust, js, spm: sp };
}

/** Ids from the Rust binding, without special tokens, in batches. */
export async function rustEncodeAll(rust: RustTokenizer, texts: readonly string[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 1024) {
    const batch = await rust.encodeBatch(texts.slice(i, i + 1024), { addSpecialTokens: false });
    for (const e of batch) out.push(e.getIds());
  }
  return out;
}
