import type { RunControl } from '../progress.js';
import { type DiffResult, type DiffSide } from './diff.js';
import { type EfficiencyDiff } from './efficiency.js';
/** Resolves `ref` (see resolveTokenizer) to a diffable side. */
export declare function resolveSide(ref: string, dbFile: string): DiffSide;
/** `tokext diff`: what changed from A to B, and with corpora how their efficiency differs. */
export declare function diffVersions(a: string, b: string, opts: {
    db: string;
    corpora?: string[];
    textField?: string;
    top?: number;
} & RunControl): Promise<{
    a: DiffSide;
    b: DiffSide;
    diff: DiffResult;
    efficiency?: EfficiencyDiff;
}>;
