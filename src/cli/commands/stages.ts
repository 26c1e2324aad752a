// tokext train / plan / write: the build's stages one at a time, with files between them.
import { Command } from 'commander';
import { countShard, trainPieces, trainStandalone } from '../../stages.js';
import type { TrainedPiece } from '../../train/continued.js';
import { plan } from '../../vocab/plan.js';
import { loadBase } from '../../vocab/base.js';
import { writeArtefacts } from '../../write/artefacts.js';
import { readJsonFile } from '../../io/json.js';
import { checkNotAnInput, checkWritableFile, jsonText, writeFileAtomic } from '../../io/atomic.js';
import { MANIFEST_NAME, StagedDir } from '../../io/staged-dir.js';
import { InputError } from '../../errors.js';
import { DEFAULTS, MAX_VOCAB, type BuildSpec } from '../../options.js';
import type { PieceKind } from '../../vocab/model.js';
import { memoryOptions, progressOptions, runFrom, specFrom, specOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import { int } from '../parse.js';
import { TRAIN_RESERVE } from '../../pipeline.js';
import type { CliContext } from '../context.js';

function readFormatFile<T>(file: string, format: string): T {
  const v = readJsonFile(file) as { format?: string };
  if (v?.format !== format) throw new InputError(`not a ${format} file (format is ${v?.format})`, file);
  return v as T;
}

/** `tokext count`: a count shard of a corpus, to sum with others by tokext train --counts (or any Parquet engine). */
export function countCommand(ctx: CliContext): Command {
  const cmd = new Command('count').description('count the chunks of a corpus (shard) into a Parquet file (chunk, count, spec) for tokext build/train --counts');
  memoryOptions(specOptions(cmd));
  return progressOptions(cmd).requiredOption('--out <file>', 'count shard (.parquet)')
    .action(async (o) => {
      const spec = specFrom(o);
      const progress = progressReporter(o.progress);
      let r;
      try {
        r = await countShard(spec, o.out, runFrom(o, ctx, progress));
      } finally {
        progress.done();
      }
      const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
      ctx.out(o.json ? JSON.stringify({ ok: true, out: o.out, chunks: r.chunks, records: r.records, skipped_lines: r.skipped, spills: r.spills })
        : `wrote ${r.chunks} distinct chunks from ${r.records} records to ${o.out}${skipped > 0 ? `; ${skipped} bad lines skipped` : ''}`);
    });
}

/** `tokext train`: pieces with counts (continued), or a standalone model (--from-scratch). */
export function trainCommand(ctx: CliContext): Command {
  const cmd = new Command('train').description('learn new pieces on top of the base (writes pieces with counts), or with --from-scratch a standalone BPE tokenizer directory');
  memoryOptions(specOptions(cmd));
  progressOptions(cmd).requiredOption('--out <path>', 'pieces file (JSON), or the output directory with --from-scratch')
    .option('--extra <n>', 'pieces to learn beyond the target', int('--extra', 0, MAX_VOCAB), TRAIN_RESERVE)
    .option('--counts <files...>', 'train on count shards made by tokext count (summed) instead of --corpus')
    .option('--from-scratch', 'train a standalone SentencePiece-compatible BPE model (Mistral layout, byte_fallback)', false)
    .option('--vocab-size <n>', 'with --from-scratch: total vocabulary size', int('--vocab-size', 1, MAX_VOCAB), DEFAULTS.baseSize)
    .option('--force', 'with --from-scratch: replace an existing output directory that tokext wrote', false)
    .action(async (o) => {
      const spec = specFrom(o);
      const progress = progressReporter(o.progress);
      try {
        if (o.fromScratch) {
          const r = await trainStandalone(spec, o.vocabSize, o.out, o.force, runFrom(o, ctx, progress));
          return ctx.out(o.json ? JSON.stringify({ ok: true, out: o.out, vocab_size: r.vocabSize }) : `wrote ${o.out}: a ${r.vocabSize}-piece BPE tokenizer trained from scratch`);
        }
        const r = await trainPieces(spec, o.out, o.extra, runFrom(o, ctx, progress));
        ctx.out(o.json ? JSON.stringify({ ok: true, out: o.out, pieces: r.pieces.length }) : `wrote ${r.pieces.length} pieces to ${o.out}`);
      } finally {
        progress.done();
      }
    });
  return cmd;
}

interface PiecesFile { spec: BuildSpec; pieces: TrainedPiece[] }
interface PlanFile { spec: BuildSpec; rows: { id: number; piece: string; kind: PieceKind; count: number | null }[] }

/** `tokext plan`: select to --target and pad to --pad-to. */
export function planCommand(ctx: CliContext): Command {
  return progressOptions(new Command('plan').description('select trained pieces to exactly --target entries and pad to --pad-to'))
    .requiredOption('--pieces <file>', 'output of tokext train').requiredOption('--out <file>', 'plan file (JSON)')
    .option('--target <n>', 'override the target', int('--target', 1, MAX_VOCAB)).option('--pad-to <n>', 'override pad-to', int('--pad-to', 1, MAX_VOCAB))
    .action((o) => {
      checkWritableFile(o.out);
      checkNotAnInput(o.out, [o.pieces]);
      const f = readFormatFile<PiecesFile>(o.pieces, 'tokext.pieces/1');
      const spec = { ...f.spec, target: o.target ?? f.spec.target, padTo: o.padTo ?? f.spec.padTo };
      const base = loadBase(spec.base);
      const p = plan(base.model, f.pieces, spec);
      const n = base.model.pieces.length;
      const rows = p.model.pieces.slice(n).map((q, i) => ({ id: n + i, piece: q.piece, kind: p.kinds[n + i]!, count: p.counts[n + i] ?? null }));
      writeFileAtomic(o.out, jsonText({ format: 'tokext.plan/1', spec, dropped: p.dropped, rows }));
      ctx.out(o.json ? JSON.stringify({ out: o.out, rows: rows.length, dropped: p.dropped.length }) : `planned ${rows.length} new ids (${p.dropped.length} dropped) into ${o.out}`);
    });
}

/** `tokext write`: artefacts from a plan. */
export function writeCommand(ctx: CliContext): Command {
  return progressOptions(new Command('write').description('write tokenizer.json, tokenizer.model, configs and embedding-init.json from a plan'))
    .requiredOption('--plan <file>', 'output of tokext plan').requiredOption('--out <dir>', 'output directory').option('--force', 'replace an existing output directory that tokext wrote', false)
    .action((o) => {
      const f = readFormatFile<PlanFile>(o.plan, 'tokext.plan/1');
      const base = loadBase(f.spec.base);
      const trained = f.rows.filter((r) => r.kind !== 'padding').map((r) => ({ piece: r.piece, kind: r.kind as TrainedPiece['kind'], count: r.count ?? 0 }));
      const p = plan(base.model, trained, f.spec);
      const staged = new StagedDir(o.out, { force: o.force, inputs: [o.plan] });
      try {
        const sums = writeArtefacts(staged.dir, p.model, base, p.kinds);
        writeFileAtomic(staged.file(MANIFEST_NAME), jsonText({ format: 'tokext.manifest/1', spec: { ...f.spec, policy: f.spec.allowNonJapanese ? 'allow-non-japanese' : 'japanese-only' }, base: { name: base.name, source: base.source, vocab_size: base.model.pieces.length }, from_plan: o.plan, artefacts: sums }));
        staged.commit();
      } catch (e) {
        staged.abort();
        throw e;
      }
      ctx.out(o.json ? JSON.stringify({ out: o.out }) : `wrote ${o.out}`);
    });
}
