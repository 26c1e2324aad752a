// tokext curve: chars/token of a build's prefixes (vocabulary sizes) on corpora, without retraining.
import { Command } from 'commander';
import { CURVE_DEFAULTS, curve } from '../../curve/curve.js';
import { renderCurveReport } from '../../curve/report.js';
import { claimOutputFile } from '../../io/output.js';
import { referenceInputs } from '../../store/resolve.js';
import { forceFileOption } from '../output.js';
import { MAX_VOCAB } from '../../spec.js';
import { DEFAULT_DB } from '../../store/db.js';
import { recordCurve } from '../../store/curves.js';
import { UsageError } from '../../errors.js';
import { collect, int } from '../parse.js';
import { TEXT_FIELD_OPTION, progressOptions } from '../flags.js';
import { withProgress, type ProgressFlags } from '../progress.js';
import { renderCurveText } from '../../curve/text.js';
import type { CliContext } from '../context.js';

function sizesOf(v: string): number[] {
  return v.split(',').map((s) => {
    if (!/^\s*\d+\s*$/.test(s)) throw new UsageError(`--sizes takes comma-separated integers, got '${s}'`);
    return Number(s);
  });
}

/** curve's parsed flags. */
interface CurveFlags extends ProgressFlags {
  corpus: string[];
  textField: string;
  points: number;
  sizes?: number[];
  hiddenSize: number;
  tied: boolean;
  db: string;
  report?: string;
  force: boolean;
  record: boolean;
}

/** `tokext curve BUILD --corpus X ...`. */
export function curveCommand(ctx: CliContext): Command {
  return forceFileOption(
    progressOptions(
      new Command('curve')
        .description(
          'chars/token at many vocabulary sizes between the base and a build, from the build alone: each size is the tokenizer tokext plan --target SIZE gives',
        )
        .argument('<build>', 'a directory tokext build wrote, or a store version'),
    )
      .option('--corpus <path>', 'file or directory of text to measure on; repeatable', collect, [])
      .option(...TEXT_FIELD_OPTION)
      .option(
        '--points <n>',
        'log-spaced sizes from the base to the build (the build itself is the last; the base is measured too)',
        int('--points', 2, 1000),
        CURVE_DEFAULTS.points,
      )
      .option('--sizes <list>', 'more sizes to measure, e.g. 45000,64000', sizesOf)
      .option(
        '--hidden-size <n>',
        'model width, for the added embedding parameters',
        int('--hidden-size', 1, 1 << 20),
        CURVE_DEFAULTS.hiddenSize,
      )
      .option('--tied', 'the output layer is tied to the input embeddings (one matrix grows, not two)', false)
      .option('--db <file>', 'version store for version labels', DEFAULT_DB)
      .option('--report <file.html>', 'write a self-contained HTML page with the chart')
      .option('--no-record', 'do not keep the curve with the store version measured (tokext serve shows kept curves)'),
  ).action(async (build: string, o: CurveFlags) => {
    const report = o.report
      ? claimOutputFile(o.report, {
          inputs: [...o.corpus, ...referenceInputs([build], o.db)],
          force: o.force,
          flag: '--report',
          onNote: ctx.warn,
        })
      : undefined;
    for (const s of o.sizes ?? []) if (s > MAX_VOCAB) throw new UsageError(`--sizes ${s} is above ${MAX_VOCAB}`);
    const r = await withProgress(o.progress, (onProgress) =>
      curve({
        tokenizer: build,
        corpora: o.corpus,
        db: o.db,
        points: o.points,
        sizes: o.sizes,
        hiddenSize: o.hiddenSize,
        tied: o.tied,
        textField: o.textField,
        signal: ctx.signal,
        onProgress,
      }),
    );
    const measuredAt = new Date().toISOString();
    report?.write(renderCurveReport(r, measuredAt));
    if (o.json) ctx.out(JSON.stringify(r.points, null, 2));
    else for (const line of renderCurveText(r)) ctx.out(line);
    if (o.report && !o.json) ctx.out(`wrote ${o.report}`);
    if (r.versionId === undefined || !o.record) return;
    try {
      recordCurve(o.db, r.versionId, r, measuredAt);
      ctx.warn(`kept the curve with version ${r.tokenizer} in ${o.db}`);
    } catch (e) {
      ctx.warn(`the curve was not kept in ${o.db}: ${(e as Error).message}`);
    }
  });
}
