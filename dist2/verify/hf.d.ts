import type { HfBase } from '../base/types.js';
import { type VerifyOptions, type VerifyReport } from './report.js';
import { type FreedContext } from './freed.js';
/** Runs every check on an HF BPE extension directory. */
export declare function verifyHf(dir: string, opts: VerifyOptions, base: HfBase, freed?: FreedContext): Promise<VerifyReport>;
