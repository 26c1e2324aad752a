import { Tokenizer as RustTokenizer } from 'tokenizers';
import type { HfBase } from '../base/types.js';
import type { ReportBuilder } from './report.js';
/** The converter's probe text: `chktxt` of `get_vocab_base_pre` in llama.cpp's convert_hf_to_gguf.py
 * (conversion/base.py since the converter was split; the same text in convert_hf_to_gguf_update.py).
 * An interoperability constant: the converter's table holds hashes of ids of exactly this text, so
 * it must equal chktxt character for character (test/verify/probe.test.ts checks the hashes). */
export declare const CONVERTER_PROBE_TEXT: string;
/** The probe's ids (special tokens added, as transformers' `tokenizer.encode(chktxt)`) and their hash. */
export interface Probe {
    ids: number[];
    hash: string;
}
/** sha256 of the ids as Python prints a list of ints (`[1, 2, 3]`), hex: the converter's `chkhsh`. */
export declare function probeHash(ids: readonly number[]): string;
/** The converter's probe of a tokenizer loaded by the Rust binding (the library transformers runs). */
export declare function probeOf(tok: RustTokenizer): Promise<Probe>;
/** The line a user adds to the converter's table (in `get_vocab_base_pre`) for hash `hash`. */
export declare const tableLine: (hash: string, pre: string | undefined, baseHash: string) => string;
/** Does the converter take the extension `ext` as it takes `base` (loaded as `baseRust`)? A passing
 * check when the probe's hash is the base's; else a note (verify still passes) naming the new
 * pieces that change the probe's encoding and the table line that makes the converter accept it. */
export declare function checkConverterProbe(ext: RustTokenizer, baseRust: RustTokenizer, base: HfBase, r: ReportBuilder): Promise<void>;
