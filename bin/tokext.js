#!/usr/bin/env node
import { runCli } from '../dist/cli/shell.js';
runCli(process.argv).then((code) => {
  process.exitCode = code;
});
