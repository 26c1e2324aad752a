import { Script } from '../corpus/unicode.js';
import { type Piece } from '../vocab/model.js';
/** The base as the choice sees it. */
export interface FreeInput {
    pieces: readonly Piece[];
    merges: readonly (readonly [string, string])[];
    byteLevel: boolean;
    /** By id: the largest share of the tokens of any corpus (keep corpora, training corpus) that
     * the piece takes when the base encodes it (0 when never used). */
    share: Float64Array;
    /** Scripts (corpus/unicode.ts `scriptOf`) the corpora show. */
    scripts: ReadonlySet<Script>;
}
/** The text of a piece as characters (a byte-level piece's complete characters). */
export declare function pieceChars(piece: string, byteLevel: boolean): string;
/** Does the piece hold a letter of a script the corpora never show? */
export declare function foreignPiece(chars: string, scripts: ReadonlySet<Script>): boolean;
/** The scripts of the characters of `text` (as FreeInput.scripts wants them), added to `into`. */
export declare function addScripts(text: string, into: Set<Script>): void;
/**
 * The ids of `n` base pieces that can go, in the order they go (leaf closure: each is a leaf of
 * the merge graph once the ones before it are gone). A removed piece's uses pass to the parts of
 * the first merge that made it (its text now encodes as them). Throws a UsageError naming how
 * many could go when fewer than `n` can.
 */
export declare function chooseFreed(input: FreeInput, n: number): number[];
