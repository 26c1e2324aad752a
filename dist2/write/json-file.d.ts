import type { Pacer } from '../progress.js';
/** Writes `value` as JSON (2-space indent, trailing newline) to `file` through a temporary name,
 * pacing between entries; an abort leaves no file and no temporary. */
export declare function writeJsonPaced(file: string, value: unknown, pacer: Pacer): Promise<void>;
