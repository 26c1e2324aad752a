/** A normalizer or pre-tokenizer entry of tokenizer.json. */
export type PipelineSpec = {
    type: string;
    [key: string]: unknown;
} | null;
/** Thrown for a pipeline part tokext does not implement; names it. */
export declare class UnsupportedPipeline extends Error {
}
/** The normalizer as a function of text. */
export declare function normalizerOf(spec: PipelineSpec): (s: string) => string;
/** The pre-tokenizer as a function from normalized text to pretokens (raw strings: the byte-level
 * mapping is the model's business). */
export declare function preTokenizerOf(spec: PipelineSpec): (s: string) => string[];
/** True if the pipeline maps text to bytes (a ByteLevel pre-tokenizer anywhere in it). */
export declare function isByteLevel(spec: PipelineSpec): boolean;
