import { type Policy } from '../spec.js';
import { type RunControl } from '../progress.js';
import { type InitRow } from '../write/embedding-init.js';
import { type ReportBuilder } from './report.js';
/** Where the real ids end and how many padding ids follow, as recorded (or as found). */
export interface Layout {
    target: number;
    padTo: number;
    padPrefix: string;
}
/** The layout the manifest records, else the one the directory shows. */
export declare function layoutOf(manifest: {
    spec?: {
        target?: number;
        padTo?: number;
        padPrefix?: string;
    };
} | undefined, paddingIds: readonly number[], size: number): Layout;
/** Size and padding problems: `size` ids in all, padding ids right after the real ones, named in order.
 * `paddingProblem` says what is wrong with padding token `id` named `name`, if anything. */
export declare function layoutProblems(size: number, paddingIds: readonly number[], l: Layout, paddingProblem: (id: number, name: string) => string | undefined): string[];
/** The texts verify encoded and what the runtimes made of them. */
export interface Encoded {
    texts: string[];
    /** Ids from the Rust binding (the reference runtime). */
    ids: number[][];
    /** Ids the base gives each text (empty for a standalone model). */
    baseIds: number[][];
    /** Which texts came from the corpus sample (efficiency is measured on those). */
    fromCorpus: boolean[];
    sampled: number;
}
/** Every other runtime gives the reference runtime's ids for every text; `agree` names them all for the report. */
export declare function checkParity(e: Encoded, others: readonly {
    name: string;
    encode: (text: string) => number[];
}[], agree: string, r: ReportBuilder, run: RunControl): Promise<void>;
/** Against the base: under the Japanese-only policy text without Japanese encodes as the base
 * encodes it, and no text encodes in more tokens than with the base. */
export declare function checkAgainstBase(e: Encoded, policy: Policy | 'standalone', r: ReportBuilder): void;
/** decode(encode(x)) == x, with the reference runtime's decoding. */
export declare function checkRoundTrip(e: Encoded, decoded: readonly string[], r: ReportBuilder): void;
/** Padding ids never come out of text, and every runtime decodes each of them without throwing. */
export declare function checkPadding(e: Encoded, paddingIds: readonly number[], decoders: readonly ((id: number) => unknown)[], r: ReportBuilder): Promise<void>;
/** What verify reads of an embedding-init.json. */
interface InitFile {
    rows: InitRow[];
    base?: {
        vocab_size?: number;
    };
    padded_vocab_size?: number;
    tensors?: string[];
}
/** The embedding-init.json of `dir`, its shape checked. */
export declare function readInitFile(dir: string): InitFile;
/** Problems of the embedding-init rows: one per new id in order, padding zero-initialised, and
 * `rowProblem` (the kind's own decomposition rule) for every other row. */
export declare function initRowProblems(init: ReturnType<typeof readInitFile>, baseSize: number, size: number, paddingIds: readonly number[], rowProblem: (row: InitRow, id: number) => string | undefined): string[];
export {};
