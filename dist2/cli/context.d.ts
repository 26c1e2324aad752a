/** The shell's services for one command run. */
export interface CliContext {
    out: (line: string) => void;
    warn: (line: string) => void;
    setExit: (code: number) => void;
    signal: AbortSignal;
}
