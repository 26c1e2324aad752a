/** Encodes and decodes batches of texts without special tokens. */
export interface TokenizerRuntime {
    engine: 'sentencepiece' | 'tokenizers';
    encodeBatch: (texts: string[]) => Promise<number[][]>;
    decodeBatch: (ids: number[][]) => Promise<string[]>;
}
