// tokext build: the whole job.
import { Command } from 'commander';
import { DEFAULT_DB } from '../../store/db.js';
import { storePaths } from '../../io/output.js';
import { memoryOptions, progressOptions, runFrom, specFrom, specOptions } from '../options.js';
import { withProgress, type ProgressFlags } from '../progress.js';
import type { CliContext } from '../context.js';

/** build's own flags (the spec's are read by specFrom). */
type BuildFlags = ProgressFlags &
  Record<string, unknown> & {
    out: string;
    force: boolean;
    verify: boolean;
    db: string | false;
    label?: string;
    recordTimings: boolean;
  };

/** `tokext build --corpus ... --out DIR`. */
export function buildCommand(ctx: CliContext): Command {
  const cmd = new Command('build').description(
    'extend the base tokenizer with pieces learned from a corpus and write an HF/SentencePiece directory',
  );
  memoryOptions(specOptions(cmd));
  progressOptions(cmd)
    .option('--counts <files...>', 'train on count shards made by tokext count (summed) instead of --corpus')
    .requiredOption('--out <dir>', 'output directory (refused if it exists, unless --force)')
    .option('--force', 'replace an existing output directory that tokext wrote (never one holding an input)', false)
    .option('--no-verify', 'skip the final verify (not recommended)')
    .option('--db <file>', 'version store to record the build in (checked before any work)', DEFAULT_DB)
    .option('--no-db', 'do not record the build in a store')
    .option('--label <name>', 'label of the recorded version (default build-N)')
    .option('--record-timings', 'write stage timings into manifest.json (then two builds differ in that file)', false)
    .action(async (o: BuildFlags) => {
      const [{ build }, { openRecorder }] = await Promise.all([
        import('../../pipeline.js'),
        import('../../store/record.js'),
      ]);
      const spec = specFrom(o);
      const recorder = o.db ? openRecorder(o.db, o.label, spec) : undefined;
      let r;
      try {
        const inputs = recorder ? storePaths(recorder.file) : [];
        r = await withProgress(o.progress, (onProgress) =>
          build(spec, {
            ...runFrom(o, ctx, onProgress),
            out: o.out,
            force: o.force,
            verify: o.verify,
            recordTimings: o.recordTimings,
            inputs,
            record: recorder?.record,
          }),
        );
      } finally {
        recorder?.close();
      }
      for (const n of r.notes) ctx.warn(n);
      const byKind: Record<string, number> = {};
      for (const k of r.vocab.kinds) byKind[k] = (byKind[k] ?? 0) + 1;
      const read = r.count.stats;
      const skipped = Object.values(read.skipped).reduce((a, b) => a + b, 0);
      const summary = {
        ok: true,
        out: r.out,
        vocab_size: r.vocab.pieces.length - r.vocab.paddingIds.length,
        padded_size: r.vocab.pieces.length,
        by_kind: byKind,
        dropped: r.vocab.dropped.length,
        records: read.records,
        skipped_lines: read.skipped,
        distinct_chunks: r.count.chunks.distinct,
        reduction: r.train.reduction,
        memory_budget: r.memory.budget,
        timings_ms: r.timings,
        artefacts: r.artefacts,
        verify_ok: r.verify?.ok ?? null,
        version: r.recorded ?? null,
        notes: r.notes,
      };
      if (o.json) return ctx.out(JSON.stringify(summary, null, 2));
      ctx.out(
        `wrote ${r.out}: ${summary.vocab_size} entries + ${r.vocab.paddingIds.length} padding = ${summary.padded_size}`,
      );
      ctx.out(
        `  pieces: ${Object.entries(byKind)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      ctx.out(
        `  corpus: ${read.records} records, ${r.count.chunks.distinct} distinct chunks${
          skipped > 0 || spec.skipInvalid
            ? `, ${skipped} bad lines skipped (${
                Object.entries(read.skipped)
                  .filter(([, v]) => v > 0)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ') || 'none'
              })`
            : ''
        }`,
      );
      ctx.out(
        `  time: ${Object.entries(r.timings)
          .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
          .join(', ')}`,
      );
      if (r.train.reduction.dropped_chunks > 0)
        ctx.out(
          `  reduced to fit the memory budget: ${r.train.reduction.dropped_chunks} chunks (${(100 * r.train.reduction.dropped_char_share).toFixed(2)}% of the characters) left out`,
        );
      if (r.recorded) ctx.out(`  recorded as version ${r.recorded.label} (id ${r.recorded.id}) in ${o.db}`);
      if (r.verify)
        ctx.out(
          r.verify.text
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n'),
        );
    });
  return cmd;
}
