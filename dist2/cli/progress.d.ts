import type { OnProgress } from '../progress.js';
/** Progress modes of every long command. */
export type ProgressMode = 'auto' | 'json' | 'none';
/** A progress callback writing to stderr in the chosen mode. */
export declare function progressReporter(mode: ProgressMode): OnProgress & {
    done(): void;
};
/** The flags every command with progress has (progressOptions). */
export interface ProgressFlags {
    progress: ProgressMode;
    json: boolean;
}
/** Runs `fn` with a progress reporter in `mode`, ending its line when `fn` ends, however it ends. */
export declare function withProgress<T>(mode: ProgressMode, fn: (onProgress: OnProgress) => Promise<T>): Promise<T>;
