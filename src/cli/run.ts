// The process that runs one command line under the shell (shell.ts), which spawns it.
import { announceDone } from '../io/atomic.js';
import { main } from './main.js';

void main(process.argv).then((code) => {
  announceDone();
  process.exitCode = code;
});
