/** Adds --force for a command whose outputs are files. */
export function forceFileOption(cmd) {
    return cmd.option('--force', "replace an existing output file that tokext did not write (never one of the run's inputs)", false);
}
//# sourceMappingURL=output.js.map