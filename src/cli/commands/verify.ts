// tokext verify: check every invariant on a built directory.
import { Command } from 'commander';
import { withProgress, type ProgressFlags } from '../progress.js';
import { TEXT_FIELD_OPTION, progressOptions, threadsOption } from '../flags.js';
import { VERIFY_SAMPLE } from '../../verify/report.js';
import { MAX_TEXT_CHARS } from '../../verify/texts.js';
import { collect, int, ranged } from '../parse.js';
import { SPEC_RANGES } from '../../spec.js';
import type { CliContext } from '../context.js';

/** `tokext verify DIR [--corpus PATH...]`. */
export function verifyCommand(ctx: CliContext): Command {
  const cmd = new Command('verify')
    .description(
      'check every build invariant on DIR, and llama.cpp against tokenizers when node-llama-cpp is installed ' +
        '(npm run setup:llama-cpp); exits 1 with a report if one fails',
    )
    .argument('<dir>', 'a directory written by tokext build');
  threadsOption(progressOptions(cmd))
    .option('--corpus <path>', 'also check parity/round-trip/base preservation on this text; repeatable', collect, [])
    .option(...TEXT_FIELD_OPTION)
    .option(
      '--sample <n>',
      `lines per corpus file (0 = all); lines over ${MAX_TEXT_CHARS.toLocaleString('en-US')} characters are checked on their first ${MAX_TEXT_CHARS.toLocaleString('en-US')}`,
      int('--sample'),
      VERIFY_SAMPLE,
    )
    .option('--base <name|path>', 'base tokenizer (default: the one in manifest.json)')
    .option(
      '--keep-corpus <path>',
      "a directory that freed base ids (--replace, --trim-to): text whose loss against the base to bound (default: the build's); repeatable",
      (v: string, prev?: string[]) => [...(prev ?? []), v],
    )
    .option(
      '--max-keep-loss <share>',
      "with --keep-corpus: the bound (default: the build's, else 0.005)",
      (v: string) => ranged('--max-keep-loss', SPEC_RANGES.maxKeepLoss)(v),
    )
    .action(
      async (
        dir: string,
        o: ProgressFlags & {
          corpus: string[];
          textField: string;
          sample: number;
          base?: string;
          keepCorpus?: string[];
          maxKeepLoss?: number;
          threads?: number;
        },
      ) => {
        const [{ verifyDir }, { loadBase }] = await Promise.all([
          import('../../family/verify.js'),
          import('../../family/load.js'),
        ]);
        const base = o.base ? loadBase(o.base) : undefined;
        const report = await withProgress(o.progress, (onProgress) =>
          verifyDir(dir, {
            base,
            corpora: o.corpus,
            sample: o.sample,
            textField: o.textField,
            ...(o.keepCorpus ? { keepCorpora: o.keepCorpus } : {}),
            ...(o.maxKeepLoss !== undefined ? { maxKeepLoss: o.maxKeepLoss } : {}),
            threads: o.threads,
            signal: ctx.signal,
            onProgress,
          }),
        );
        ctx.out(o.json ? JSON.stringify(report, null, 2) : report.text);
        if (!report.ok) ctx.setExit(1);
      },
    );
  return cmd;
}
