// The CLI's supervising process: runs the command line in a child process and stays free to answer
// Ctrl-C, SIGTERM, SIGHUP and a dead parent at once, whatever the command is doing. A signal is
// passed on to the child, which stops by itself (exit 130, its temporaries removed) when its work
// lets it; if it has not stopped within GRACE_MS it is killed, and the shell removes the
// temporaries the child announced on a pipe (trackTemp), so every command stops within half a second.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants } from 'node:os';
import { EXIT, InterruptedError } from '../errors.js';
import { DONE, TEMP_FD_ENV } from '../io/atomic.js';
import { reportError, wantsJson } from './report-error.js';

/** How long an interrupted command may take to stop by itself before it is killed. */
export const GRACE_MS = 200;

/** The child's descriptor for the temporaries pipe. */
const TEMP_FD = 3;

/** What the child announces on its pipe: "+path" / "-path" for the temporaries it has on disk,
 * "=" once its command has ended (all that is left is exiting: nothing to interrupt). */
interface ChildState {
  temps: Set<string>;
  done: boolean;
}

/** Follows the child's announcements. */
function followChild(stream: NodeJS.ReadableStream): ChildState {
  const state: ChildState = { temps: new Set(), done: false };
  const live = state.temps;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) {
      if (l.startsWith('+')) live.add(l.slice(1));
      else if (l.startsWith('-')) live.delete(l.slice(1));
      else if (l === DONE) state.done = true;
    }
  });
  return state;
}

/** glibc's setting that puts its large allocations (the trainer's arrays) on transparent huge
 * pages where the kernel leaves that to the program (THP "madvise", the common default). */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** The environment the command runs in: `env`, the temporaries pipe, and on Linux huge pages for
 * large allocations unless `env` sets glibc's choice itself or TOKEXT_HUGE_PAGES=0. The trainer
 * reads arrays of gigabytes at random places: with 4 KB pages nearly every read also misses the
 * processor's TLB (the 2 GB job's figures: README, Commands). glibc reads the setting only when
 * a process starts, which is why it is the child's. Elsewhere (musl, macOS) nothing reads it. */
export function childEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, [TEMP_FD_ENV]: String(TEMP_FD) };
  const tunables = env.GLIBC_TUNABLES ?? '';
  if (platform === 'linux' && env.TOKEXT_HUGE_PAGES !== '0' && !/(^|:)glibc\.malloc\.hugetlb=/.test(tunables))
    out.GLIBC_TUNABLES = tunables ? `${tunables}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE;
  return out;
}

/** Runs the CLI for `argv` (node, script, args…) in a child process; resolves to the exit code.
 * `early`: signals that arrived while this process was loading (then nothing is started). */
export function runCli(argv: string[], early: readonly NodeJS.Signals[] = []): Promise<number> {
  if (early.length > 0) return Promise.resolve(reportError(new InterruptedError(), wantsJson(argv)));
  const entry = new URL('./run.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, entry, ...argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env: childEnv(process.env),
  });
  const state = followChild(child.stdio[TEMP_FD] as NodeJS.ReadableStream);
  let killed = false;
  let grace: NodeJS.Timeout | undefined;

  /** Kills the child and removes what it left. */
  const kill = () => {
    if (killed || child.exitCode !== null || state.done) return;
    killed = true;
    child.kill('SIGKILL');
  };
  const interrupt = (sig: NodeJS.Signals) => {
    if (grace) return kill();
    child.kill(sig);
    grace = setTimeout(kill, GRACE_MS);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((sig) => [sig, () => interrupt(sig)] as const);
  for (const [sig, fn] of handlers) process.on(sig, fn);
  const parent = process.ppid;
  const poll = setInterval(() => {
    if (process.ppid !== parent && !grace) interrupt('SIGHUP');
  }, 500);

  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`tokext: cannot start the command (${e.message})\n`);
      resolve(EXIT.internal);
    });
    child.on('close', (code, signal) => {
      clearTimeout(grace);
      clearInterval(poll);
      for (const [sig, fn] of handlers) process.off(sig, fn);
      if (code !== null) return resolve(code);
      for (const p of state.temps) fs.rmSync(p, { recursive: true, force: true });
      if (killed || grace) return resolve(reportError(new InterruptedError(), wantsJson(argv)));
      process.stderr.write(
        `tokext: the command was killed (${signal}${signal === 'SIGKILL' ? ': out of memory?' : ''}); its temporary files were removed\n`,
      );
      resolve(128 + (constants.signals[signal as NodeJS.Signals] ?? 0));
    });
  });
}
