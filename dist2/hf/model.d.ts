import { RankedBpe } from '../bpe/ranked.js';
import type { AddedToken } from './tokenizer-json.js';
import { type Piece } from '../vocab/model.js';
import { type PipelineSpec } from './pipeline.js';
/** The parts of tokenizer.json tokext reads (everything else is carried over untouched). */
export interface TokenizerJson {
    added_tokens: AddedToken[];
    normalizer: PipelineSpec;
    pre_tokenizer: PipelineSpec;
    model: {
        type: string;
        vocab: Record<string, number>;
        merges: (string | [string, string])[];
        byte_fallback?: boolean;
        ignore_merges?: boolean;
        [k: string]: unknown;
    };
    [k: string]: unknown;
}
/** A checked HF BPE tokenizer. */
export interface HfBpe {
    json: TokenizerJson;
    vocab: string[];
    size: number;
    merges: [string, string][];
    mergesAsPairs: boolean;
    byteLevel: boolean;
    ignoreMerges: boolean;
    byteFallback: boolean;
    /** Ids whose token was freed (--replace): '' in `vocab`, taken first by new tokens, lowest first. */
    free?: number[];
}
/** Reads a parsed tokenizer.json as an HF BPE model; `file` names it in errors. */
export declare function readHfBpe(json: unknown, file: string): HfBpe;
/** The encoder of an HF BPE base. */
export declare function encoderOf(hf: HfBpe): RankedBpe;
/** The tokens of an HF tokenizer by id as pieces: model tokens NORMAL, special added tokens
 * CONTROL, other added tokens USER_DEFINED ('' for an id nothing uses). */
export declare function hfPieces(hf: HfBpe): Piece[];
