import { type Command } from 'commander';
import { type BuildSpec } from '../spec.js';
import type { OnProgress } from '../progress.js';
import type { CliContext } from './context.js';
/** --text-field for commands that read corpora without a build spec (eval, verify, curve, diff). */
export declare const TEXT_FIELD_OPTION: readonly ["--text-field <name>", "JSONL field or Parquet column holding the text", "text"];
/** Adds --corpus and the options that set the spec fields `keys` (default: all of them; a command that reads only some,
 * like count, offers only those). */
export declare function specOptions(cmd: Command, keys?: readonly (keyof BuildSpec)[]): Command;
/** Adds --memory and --tmp-dir (commands that count or train). */
export declare function memoryOptions(cmd: Command): Command;
/** The run options --memory, --tmp-dir and the shell's services, for a library stage. */
export declare function runFrom(o: Record<string, unknown>, ctx: CliContext, onProgress: OnProgress): {
    memory: number | undefined;
    tmpDir: string | undefined;
    signal: AbortSignal;
    onProgress: OnProgress;
    onNote: (line: string) => void;
};
/** Adds --progress and --json. */
export declare function progressOptions(cmd: Command): Command;
/** Resolves a BuildSpec from parsed options (text comes from --corpus unless counts are given), checked by the
 * library's own schema (checkSpec) so that the CLI and the library never disagree on what a spec may be. */
export declare function specFrom(o: Record<string, unknown>): Promise<BuildSpec>;
