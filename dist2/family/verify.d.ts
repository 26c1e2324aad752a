import { type VerifyOptions, type VerifyReport } from '../verify/report.js';
import type { Base } from './family.js';
export type { Check, VerifyOptions, VerifyReport } from '../verify/report.js';
/** Runs every check on `dir` against `opts.base` (default: the manifest's base, else Mistral); a
 * model trained from scratch is checked against its own specials and byte pieces. */
export declare function verifyDir(dir: string, opts?: VerifyOptions & {
    base?: Base;
}): Promise<VerifyReport>;
