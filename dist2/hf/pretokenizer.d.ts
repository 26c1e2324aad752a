import { type Pretokenizer } from '../corpus/pretokenize.js';
import type { HfBpe } from './model.js';
import type { RankedBpe } from '../bpe/ranked.js';
/** The pretokenizer that counts training chunks for `base`. */
export declare function hfPretokenizer(base: HfBpe, splitByScript: boolean): Pretokenizer;
/** Encodes text as the HF runtime does (no post-processing): added tokens split out and mapped
 * to their ids, the rest normalized, pre-tokenized and encoded pretoken by pretoken. */
export declare function hfEncoder(base: HfBpe, enc: RankedBpe): (text: string) => number[];
