// tokext train / plan / write: the build's stages one at a time, with files between them.
import { Command } from 'commander';
import { countCorpora } from '../../corpus/count.js';
import type { InputFile } from '../../corpus/read.js';
import type { OnProgress } from '../../progress.js';
import { readCountsInto, writeCounts } from '../../corpus/counts-file.js';
import { trainFromScratch } from '../../train/scratch.js';
import { trainContinued, type TrainedPiece } from '../../train/continued.js';
import { plan } from '../../vocab/plan.js';
import { loadBase } from '../../vocab/base.js';
import { writeArtefacts } from '../../write/artefacts.js';
import { readJsonFile } from '../../io/json.js';
import { checkNotAnInput, checkWritableFile, jsonText, writeFileAtomic } from '../../io/atomic.js';
import { MANIFEST_NAME, StagedDir } from '../../io/staged-dir.js';
import { InputError } from '../../errors.js';
import { DEFAULTS, MAX_VOCAB, type BuildSpec } from '../../options.js';
import type { PieceKind } from '../../vocab/model.js';
import { progressOptions, specFrom, specOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import { int } from '../parse.js';
import { TRAIN_RESERVE } from '../../pipeline.js';
import type { CliContext } from '../context.js';

function readFormatFile<T>(file: string, format: string): T {
  const v = readJsonFile(file) as { format?: string };
  if (v?.format !== format) throw new InputError(`not a ${format} file (format is ${v?.format})`, file);
  return v as T;
}

/** Chunk counts from corpora, or from count files made by `tokext count`. */
async function gatherCounts(o: Record<string, unknown>, spec: BuildSpec | undefined, ctx: CliContext, progress: OnProgress) {
  const files = o.counts as string[] | undefined;
  if (files && files.length > 0) {
    const counts = new Map<string, number>();
    const inputs: InputFile[] = [];
    let records = 0;
    for (const f of files) {
      const h = await readCountsInto(f, counts);
      if (spec && h.split_by_script !== spec.splitByScript) {
        throw new InputError(`counted with split_by_script ${h.split_by_script}, but this run has ${spec.splitByScript}`, f, undefined, 'count all shards with the same options');
      }
      inputs.push(...h.inputs);
      records += h.records;
      progress({ stage: 'merge-counts', current: inputs.length, total: files.length });
    }
    return { counts, files: inputs, records };
  }
  const c = await countCorpora(spec!, { signal: ctx.signal, onProgress: progress });
  return { counts: c.counts, files: c.files, records: c.stats.records };
}

/** `tokext count`: a mergeable count artefact for one shard of a corpus. */
export function countCommand(ctx: CliContext): Command {
  const cmd = new Command('count').description('count pretokens of a corpus (shard) into a mergeable file for tokext train --counts');
  specOptions(cmd);
  return progressOptions(cmd).requiredOption('--out <file>', 'counts file (gzipped JSON lines)')
    .action(async (o) => {
      const spec = specFrom(o);
      checkWritableFile(o.out);
      checkNotAnInput(o.out, spec.corpora.map((c) => c.path));
      const progress = progressReporter(o.progress);
      const c = await countCorpora(spec, { signal: ctx.signal, onProgress: progress });
      await writeCounts(o.out, c.counts, c.files, c.stats.records, spec.splitByScript);
      progress.done();
      const skipped = Object.values(c.stats.skipped).reduce((a, b) => a + b, 0);
      ctx.out(o.json ? JSON.stringify({ ok: true, out: o.out, chunks: c.counts.size, records: c.stats.records, skipped_lines: c.stats.skipped })
        : `wrote ${c.counts.size} distinct pretokens from ${c.stats.records} records to ${o.out}${skipped > 0 ? `; ${skipped} bad lines skipped` : ''}`);
    });
}

/** `tokext train`: pieces with counts (continued), or a standalone model (--from-scratch). */
export function trainCommand(ctx: CliContext): Command {
  const cmd = new Command('train').description('learn new pieces on top of the base (writes pieces with counts), or with --from-scratch a standalone BPE tokenizer directory');
  specOptions(cmd);
  progressOptions(cmd).requiredOption('--out <path>', 'pieces file (JSON), or the output directory with --from-scratch')
    .option('--extra <n>', 'pieces to learn beyond the target', int('--extra', 0, MAX_VOCAB), TRAIN_RESERVE)
    .option('--counts <files...>', 'train from count files made by tokext count (summed) instead of --corpus')
    .option('--from-scratch', 'train a standalone SentencePiece-compatible BPE model (Mistral layout, byte_fallback)', false)
    .option('--vocab-size <n>', 'with --from-scratch: total vocabulary size', int('--vocab-size', 1, MAX_VOCAB), DEFAULTS.baseSize)
    .option('--force', 'with --from-scratch: replace an existing output directory that tokext wrote', false)
    .action(async (o) => {
      const spec = specFrom(o, !o.counts?.length);
      const inputs = [...spec.corpora.map((c) => c.path), ...(o.counts ?? [])];
      const progress = progressReporter(o.progress);
      if (o.fromScratch) {
        const staged = new StagedDir(o.out, { force: o.force, inputs });
        try {
          const c = await gatherCounts(o, spec, ctx, progress);
          const t = await trainFromScratch(c.counts, o.vocabSize, { ...spec, signal: ctx.signal, onProgress: progress });
          const sums = writeArtefacts(staged.dir, t.model, null, t.kinds);
          writeFileAtomic(staged.file(MANIFEST_NAME), jsonText({ format: 'tokext.manifest/1', mode: 'from-scratch', spec: { ...spec, vocabSize: o.vocabSize }, inputs: c.files, records: c.records, distinct_chunks: c.counts.size, vocab: { size: t.model.pieces.length }, artefacts: sums }));
          staged.commit();
          progress.done();
          ctx.out(o.json ? JSON.stringify({ out: o.out, vocab_size: t.model.pieces.length }) : `wrote ${o.out}: a ${t.model.pieces.length}-piece BPE tokenizer trained from scratch`);
        } catch (e) {
          staged.abort();
          throw e;
        }
        return;
      }
      checkWritableFile(o.out);
      checkNotAnInput(o.out, inputs);
      const base = loadBase(spec.base);
      const c = await gatherCounts(o, spec, ctx, progress);
      const r = await trainContinued(base.model, c.counts, { ...spec, maxPieces: spec.target - base.model.pieces.length + o.extra, signal: ctx.signal, onProgress: progress });
      progress.done();
      writeFileAtomic(o.out, jsonText({ format: 'tokext.pieces/1', spec, inputs: c.files, pieces: r.pieces }));
      ctx.out(o.json ? JSON.stringify({ out: o.out, pieces: r.pieces.length }) : `wrote ${r.pieces.length} pieces to ${o.out}`);
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
