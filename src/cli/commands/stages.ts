// tokext train / plan / write: the build's stages one at a time, with files between them.
import fs from 'node:fs';
import { Command } from 'commander';
import { countCorpora } from '../../build/count.js';
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

/** `tokext train`: pieces with counts, in training order. */
export function trainCommand(ctx: CliContext): Command {
  const cmd = new Command('train').description('learn new pieces on top of the base (no plan, no writing); writes pieces with counts');
  specOptions(cmd);
  progressOptions(cmd).requiredOption('--out <file>', 'pieces file (JSON)').option('--extra <n>', 'pieces to learn beyond the target', (v: string) => Number(v), 512)
    .action(async (o) => {
      const spec = specFrom(o);
      const progress = progressReporter(o.progress);
      const base = loadBase(spec.base);
      const count = await countCorpora(spec, { signal: ctx.signal, onProgress: progress });
      const r = trainContinued(base.model, count.counts, { ...spec, maxPieces: spec.target - base.model.pieces.length + o.extra, signal: ctx.signal, onProgress: progress });
      progress.done();
      writeFileAtomic(o.out, jsonText({ format: 'tokext.pieces/1', spec, inputs: count.files, pieces: r.pieces }));
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
