/** Longest file name most file systems take, in bytes. */
export declare const MAX_NAME_BYTES = 255;
/** The temporary sibling of `target` owned by this process. */
export declare function tempPathFor(target: string): string;
/** Registers (or forgets) a temporary path for `removeLiveTempsSync`, and tells the CLI's shell
 * through the pipe it names (TEMP_FD_ENV), synchronously, so that the shell can remove the path
 * if it has to kill this process. */
export declare function trackTemp(p: string, on: boolean): void;
/** The environment variable naming the file descriptor of a supervising shell's temporaries pipe. */
export declare const TEMP_FD_ENV = "TOKEXT_TEMP_FD";
/** The line that tells the shell the command has ended (only exiting is left). */
export declare const DONE = "=";
/** Tells a supervising shell that the command has ended, so that a late signal does not kill a
 * process whose work is already committed. */
export declare function announceDone(): void;
/** Removes every temporary of this process at once (a second Ctrl-C, a dying process). */
export declare function removeLiveTempsSync(): void;
/** Removes the entries of `dir` whose owner process (`ownerOf` their name, undefined: not a
 * leftover) no longer runs on this machine; returns their paths. One this user may not remove
 * (another user's, in a shared /tmp) is left alone. */
export declare function removeLeftovers(dir: string, ownerOf: (name: string) => number | undefined): string[];
/** Removes temporaries for `target` left by runs that died (SIGKILL, power loss); returns their paths. */
export declare function removeStaleTemps(target: string): string[];
/** Refuses a target whose own name is longer than the file system allows. */
export declare function checkNameLength(target: string): void;
/** Writes `data` to `file` via a temporary sibling and a rename. */
export declare function writeFileAtomic(file: string, data: string | Uint8Array): void;
/** Writes `file` by letting `write` fill a temporary path beside it (a streaming writer), then
 * syncs and renames it into place; on any failure the temporary file is removed. */
export declare function writeFileVia(file: string, write: (tmp: string) => Promise<void>): Promise<void>;
/**
 * Checks, before any work, that `file` can be written later: its directory exists and takes a
 * new file, and the name is neither too long nor a directory. Leaves nothing behind.
 */
export declare function checkWritableFile(file: string): void;
/** Creates and removes `probe` to show that files can be made in `dir`; an OutputError naming
 * `dir` (with `what` as the reason) if they cannot. */
export declare function checkCanCreate(probe: string, dir: string, what: string): void;
/** JSON text as every writer emits it: two-space indent, trailing newline. */
export declare function jsonText(value: unknown): string;
/** sha256 of a file, hex. */
export declare function sha256File(file: string): string;
