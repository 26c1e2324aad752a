import { type RunControl } from '../progress.js';
import { type EvalRow } from './metrics.js';
/** Facts about one evaluated tokenizer. */
export interface EvalTokenizerInfo {
    name: string;
    model_type: string;
    engine: string;
    vocab_size: number;
    new_pieces: number | null;
    dead_pieces: {
        id: number;
        piece: string;
    }[] | null;
    new_by_script: Record<string, number> | null;
    new_by_length: Record<string, number> | null;
}
/** The whole evaluation. */
export interface EvalResult {
    rows: EvalRow[];
    tokenizers: EvalTokenizerInfo[];
    corpora: {
        name: string;
        path: string;
    }[];
}
/** Runs the evaluation: every tokenizer on every corpus. */
export declare function evaluate(opts: {
    tokenizers: string[];
    corpora: string[];
    db: string;
    batch?: number;
    textField?: string;
} & RunControl): Promise<EvalResult>;
