// What every command gets from the shell: output, warnings, exit code, cancellation.
export {};
//# sourceMappingURL=context.js.map