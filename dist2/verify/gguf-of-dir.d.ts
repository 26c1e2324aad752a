import { type TokenizerData } from '../gguf/of-tokenizer.js';
import { type GgufVocab } from '../gguf/vocab.js';
import type { GgufKv } from '../gguf/writer.js';
import { type HfBpe } from '../hf/model.js';
/** The llama.cpp names a GGUF needs that a tokenizer does not hold (default: its base's, for the bundled bases). */
export interface GgufNames {
    architecture?: string;
    pre?: string;
    defaultArchitecture?: string;
}
/** A directory's GGUF vocabulary: its KVs (tokext's mark first), the vocabulary and what it was made from. */
export interface DirGguf {
    kvs: GgufKv[];
    vocab: GgufVocab;
    architecture: string;
    data: TokenizerData;
}
/** `dir`'s tokenizer as the GGUF vocabulary is made from it: tokenizer.model when there is one, else
 * tokenizer.json (in SentencePiece form when it is one, else HF BPE), as family/load.ts reads them;
 * `read` is its HF BPE tokenizer.json as already read (verify's), spared reading again. */
export declare function tokenizerDataOf(dir: string, read?: HfBpe): TokenizerData;
/** The GGUF KVs of `dir`'s vocabulary, named `name` (default: the directory's), grown to `vocabSize`
 * tokens when given (padVocab); the architecture and pre-tokenizer name from `o` or its base's (a
 * UsageError when neither knows them). */
export declare function ggufOfDir(dir: string, o?: GgufNames & {
    name?: string;
    read?: HfBpe;
    vocabSize?: number;
}): DirGguf;
