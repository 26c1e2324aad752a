import { type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import { type StageRun } from './job.js';
/** `tokext train`: the pieces continued training learns on top of the base (a pieces file), with
 * `extra` pieces beyond the target as a reserve. */
export declare function trainPieces(spec: BuildSpec, out: string, extra: number, run: StageRun): Promise<{
    pieces: TrainedPiece[];
}>;
/** `tokext train --from-scratch`: a standalone SentencePiece-compatible BPE directory. */
export declare function trainStandalone(spec: BuildSpec, vocabSize: number, out: string, force: boolean, run: StageRun): Promise<{
    vocabSize: number;
}>;
