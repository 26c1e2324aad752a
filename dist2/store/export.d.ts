import { type StagedDirOptions } from '../io/staged-dir.js';
import type { VersionRecord } from './versions.js';
/** Writes the version's artefacts into `out` (staged, renamed into place); returns file names. */
export declare function exportVersion(v: VersionRecord, out: string, opts: StagedDirOptions): Promise<string[]>;
