import type { SentencePieceBase } from '../base/types.js';
import { type FreedContext } from './freed.js';
import { type VerifyOptions, type VerifyReport } from './report.js';
/** Runs every check on a SentencePiece-BPE directory. */
export declare function verifySentencePiece(dir: string, opts: VerifyOptions, base?: SentencePieceBase, freed?: FreedContext): Promise<VerifyReport>;
