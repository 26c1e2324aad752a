// The process that runs one command line under the shell (shell.ts), which spawns it.
import { main } from './main.js';

void main(process.argv).then((code) => {
  process.exitCode = code;
});
