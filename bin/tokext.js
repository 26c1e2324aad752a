#!/usr/bin/env node
// Signals that arrive while the shell loads are held, so that a Ctrl-C in the first moment is an
// interruption like any other (exit 130) and never leaves a command running on its own.
const early = [];
const hold = (sig) => early.push(sig);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, hold);
const { runCli } = await import('../dist/cli/shell.js');
const run = runCli(process.argv, [...early]); // installs its own handlers before these go
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(sig, hold);
run.then((code) => {
  process.exitCode = code;
});
