// tokext train / plan / write: the build's stages one at a time, with files between them.
import fs from 'node:fs';
import { Command } from 'commander';
import { countCorpora, type InputFile, type OnProgress } from '../../build/count.js';
import { readCountsInto, writeCounts } from '../../corpus/counts-file.js';
import { trainFromScratch } from '../../train/scratch.js';
import { trainContinued, type TrainedPiece } from '../../train/continued.js';
import { plan } from '../../vocab/plan.js';
import { loadBase } from '../../vocab/base.js';
import { writeArtefacts } from '../../build/write.js';
import { StagedDir, jsonText, writeFileAtomic } from '../../io/atomic.js';
import { InputError } from '../../errors.js';
import type { BuildSpec } from '../../spec/spec.js';
import type { PieceKind } from '../../vocab/model.js';
import { progressOptions, specFrom, specOptions } from '../options.js';
import { progressReporter } from '../progress.js';
import type { CliContext } from '../main.js';

function readJsonFile<T>(file: string, format: string): T {
  let v: { format?: string };
  try {
    v = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read JSON (${(e as Error).message})`, file);
  }
  if (v.format !== format) throw new InputError(`not a ${format} file (format is ${v.format})`, file);
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
      const progress = progressReporter(o.progress);
      const c = await countCorpora(spec, { signal: ctx.signal, onProgress: progress });
      await writeCounts(o.out, c.counts, c.files, c.stats.records, spec.splitByScript);
      progress.done();
      ctx.out(o.json ? JSON.stringify({ out: o.out, chunks: c.counts.size, records: c.stats.records }) : `wrote ${c.counts.size} distinct pretokens from ${c.stats.records} records to ${o.out}`);
    });
}

/** `tokext train`: pieces with counts (continued), or a standalone model (--from-scratch). */
export function trainCommand(ctx: CliContext): Command {
  const cmd = new Command('train').description('learn new pieces on top of the base (writes pieces with counts), or with --from-scratch a standalone BPE tokenizer directory');
  specOptions(cmd);
  progressOptions(cmd).requiredOption('--out <path>', 'pieces file (JSON), or the output directory with --from-scratch')
    .option('--extra <n>', 'pieces to learn beyond the target', (v: string) => Number(v), 512)
    .option('--counts <files...>', 'train from count files made by tokext count (summed) instead of --corpus')
    .option('--from-scratch', 'train a standalone SentencePiece-compatible BPE model (Mistral layout, byte_fallback)', false)
    .option('--vocab-size <n>', 'with --from-scratch: total vocabulary size', (v: string) => Number(v), 32000)
    .option('--force', 'with --from-scratch: replace an existing output directory', false)
    .action(async (o) => {
      const spec = specFrom(o, !o.counts?.length);
      const progress = progressReporter(o.progress);
      if (o.fromScratch) {
        const staged = new StagedDir(o.out, o.force);
        try {
          const c = await gatherCounts(o, spec, ctx, progress);
          const t = trainFromScratch(c.counts, o.vocabSize, { ...spec, signal: ctx.signal, onProgress: progress });
          const sums = writeArtefacts(staged.dir, t.model, null, t.kinds);
          writeFileAtomic(staged.file('manifest.json'), jsonText({ format: 'tokext.manifest/1', mode: 'from-scratch', spec: { ...spec, vocabSize: o.vocabSize }, inputs: c.files, records: c.records, distinct_chunks: c.counts.size, vocab: { size: t.model.pieces.length }, artefacts: sums }));
          staged.commit();
          progress.done();
          ctx.out(o.json ? JSON.stringify({ out: o.out, vocab_size: t.model.pieces.length }) : `wrote ${o.out}: a ${t.model.pieces.length}-piece BPE tokenizer trained from scratch`);
        } catch (e) {
          staged.abort();
          throw e;
        }
        return;
      }
      const base = loadBase(spec.base);
      const c = await gatherCounts(o, spec, ctx, progress);
      const r = trainContinued(base.model, c.counts, { ...spec, maxPieces: spec.target - base.model.pieces.length + o.extra, signal: ctx.signal, onProgress: progress });
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
    .option('--target <n>', 'override the target', Number).option('--pad-to <n>', 'override pad-to', Number)
    .action((o) => {
      const f = readJsonFile<PiecesFile>(o.pieces, 'tokext.pieces/1');
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
    .requiredOption('--plan <file>', 'output of tokext plan').requiredOption('--out <dir>', 'output directory').option('--force', 'replace an existing directory', false)
    .action((o) => {
      const f = readJsonFile<PlanFile>(o.plan, 'tokext.plan/1');
      const base = loadBase(f.spec.base);
      const trained = f.rows.filter((r) => r.kind !== 'padding').map((r) => ({ piece: r.piece, kind: r.kind as TrainedPiece['kind'], count: r.count ?? 0 }));
      const p = plan(base.model, trained, f.spec);
      const staged = new StagedDir(o.out, o.force);
      try {
        const sums = writeArtefacts(staged.dir, p.model, base, p.kinds);
        writeFileAtomic(staged.file('manifest.json'), jsonText({ format: 'tokext.manifest/1', spec: { ...f.spec, policy: f.spec.allowNonJapanese ? 'allow-non-japanese' : 'japanese-only' }, base: { name: base.name, source: base.source, vocab_size: base.model.pieces.length }, from_plan: o.plan, artefacts: sums }));
        staged.commit();
      } catch (e) {
        staged.abort();
        throw e;
      }
      ctx.out(o.json ? JSON.stringify({ out: o.out }) : `wrote ${o.out}`);
    });
}
