import { type Model } from '../vocab/model.js';
/** An HF added token. */
export interface AddedToken {
    id: number;
    content: string;
    single_word: boolean;
    lstrip: boolean;
    rstrip: boolean;
    normalized: boolean;
    special: boolean;
}
/** Special tokens of the model: UNKNOWN, CONTROL and padding pieces, in id order. */
export declare function addedTokens(model: Model): AddedToken[];
/** BOS/EOS/UNK ids and pieces, as the trainer spec places them (SentencePiece's defaults). */
export declare function specialTokens(model: Model): {
    bos: string;
    bosId: number;
    eos: string;
    unk: string;
};
/** The full tokenizer.json text. Vocab and merges are spliced in so ids stay in order. */
export declare function tokenizerJson(model: Model): string;
