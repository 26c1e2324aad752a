// tokext build: the whole job.
import { Command } from 'commander';
import { build } from '../../build/build.js';
import { DEFAULT_DB } from '../../store/db.js';
import { recordBuild } from '../../store/record.js';
import { progressOptions, specFrom, specOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import type { CliContext } from '../main.js';

/** `tokext build --corpus ... --out DIR`. */
export function buildCommand(ctx: CliContext): Command {
  const cmd = new Command('build').description('extend the base tokenizer with pieces learned from a corpus and write an HF/SentencePiece directory');
  specOptions(cmd);
  progressOptions(cmd)
    .requiredOption('--out <dir>', 'output directory (refused if it exists, unless --force)')
    .option('--force', 'replace an existing output directory', false)
    .option('--no-verify', 'skip the final verify (not recommended)')
    .option('--db <file>', 'version store to record the build in', DEFAULT_DB)
    .option('--no-db', 'do not record the build in a store')
    .option('--label <name>', 'label of the recorded version (default build-N)')
    .option('--record-timings', 'write stage timings into manifest.json (then two builds differ in that file)', false)
    .action(async (o) => {
      const spec = specFrom(o);
      const progress = progressReporter(o.progress);
      const r = await build(spec, { out: o.out, force: o.force, signal: ctx.signal, onProgress: progress, verify: o.verify, recordTimings: o.recordTimings });
      progress.done();
      const stored = o.db ? recordBuild(o.db, o.label, spec, r, r.baseName, r.baseSize) : undefined;
      const byKind: Record<string, number> = {};
      for (const k of r.plan.kinds) byKind[k] = (byKind[k] ?? 0) + 1;
      const summary = { out: r.out, vocab_size: r.plan.model.pieces.length - r.plan.model.paddingIds.length, padded_size: r.plan.model.pieces.length, by_kind: byKind, dropped: r.plan.dropped.length, records: r.count.stats.records, distinct_chunks: r.count.counts.size, timings_ms: r.timings, artefacts: r.artefacts, verify_ok: r.verify?.ok ?? null, version: stored ?? null };
      if (o.json) ctx.out(JSON.stringify(summary, null, 2));
      else {
        ctx.out(`wrote ${r.out}: ${summary.vocab_size} entries + ${r.plan.model.paddingIds.length} padding = ${summary.padded_size}`);
        ctx.out(`  pieces: ${Object.entries(byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        ctx.out(`  corpus: ${r.count.stats.records} records, ${r.count.counts.size} distinct chunks`);
        ctx.out(`  time: ${Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', ')}`);
        if (stored) ctx.out(`  recorded as version ${stored.label} (id ${stored.id}) in ${o.db}`);
        if (r.verify) ctx.out(r.verify.text.split('\n').map((l) => `  ${l}`).join('\n'));
      }
    });
  return cmd;
}
