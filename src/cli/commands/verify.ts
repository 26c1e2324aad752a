// tokext verify: check every invariant on a built directory.
import { Command } from 'commander';
import { verifyDir } from '../../verify/verify.js';
import { loadBase } from '../../vocab/base.js';
import { progressReporter } from '../progress.js';
import { progressOptions } from '../options.js';
import type { CliContext } from '../main.js';

/** `tokext verify DIR [--corpus PATH...]`. */
export function verifyCommand(ctx: CliContext): Command {
  const cmd = new Command('verify').description('check every build invariant on DIR; exits 1 with a report if one fails').argument('<dir>', 'a directory written by tokext build');
  progressOptions(cmd)
    .option('--corpus <path>', 'also check parity/round-trip/base preservation on this text; repeatable', (v: string, p: string[]) => [...p, v], [])
    .option('--sample <n>', 'lines per corpus file (0 = all)', (v: string) => Number(v), 2000)
    .option('--base <name|path>', 'base tokenizer (default: the one in manifest.json)')
    .action(async (dir: string, o) => {
      const progress = progressReporter(o.progress);
      const report = await verifyDir(dir, { base: o.base ? loadBase(o.base) : undefined, corpora: o.corpus, sample: o.sample, onProgress: progress });
      progress.done();
      ctx.out(o.json ? JSON.stringify(report, null, 2) : report.text);
      if (!report.ok) ctx.setExit(1);
    });
  return cmd;
}
