// tokext count / train / plan / write: the build's stages one at a time, with files between them.
import { Command } from 'commander';
import { countShard } from '../../stages/count.js';
import { planPieces } from '../../stages/plan.js';
import { trainPieces, trainStandalone } from '../../stages/train.js';
import { writePlan } from '../../stages/write.js';
import { DEFAULTS, MAX_VOCAB } from '../../spec.js';
import { TRAIN_RESERVE } from '../../stages/job.js';
import { memoryOptions, progressOptions, runFrom, specFrom, specOptions } from '../flags.js';
import { withProgress } from '../progress.js';
import { int } from '../parse.js';
import { forceFileOption } from '../output.js';
/** The spec fields counting reads (countShard: the base's chunk rule, the text, how sources are weighed); the rest
 * (target, pad-to, coverage, policy, min-count, prune) only matter to training and planning, so count does not offer them. */
const COUNT_FIELDS = ['base', 'textField', 'skipInvalid', 'balance', 'splitByScript'];
/** `tokext count`: a count shard of a corpus, to sum with others by tokext train --counts (or any Parquet engine). */
export function countCommand(ctx) {
    const cmd = new Command('count').description('count the chunks of a corpus (shard) into a Parquet file (chunk, count, spec) for tokext build/train --counts');
    memoryOptions(specOptions(cmd, COUNT_FIELDS));
    return forceFileOption(progressOptions(cmd).requiredOption('--out <file>', 'count shard (.parquet)')).action(async (o) => {
        const spec = await specFrom(o);
        const r = await withProgress(o.progress, (onProgress) => countShard(spec, o.out, { ...runFrom(o, ctx, onProgress), force: o.force }));
        const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
        ctx.out(o.json
            ? JSON.stringify({
                ok: true,
                out: o.out,
                chunks: r.chunks,
                records: r.records,
                skipped_lines: r.skipped,
                spills: r.spills,
            })
            : `wrote ${r.chunks} distinct chunks from ${r.records} records to ${o.out}${skipped > 0 ? `; ${skipped} bad lines skipped` : ''}`);
    });
}
/** `tokext train`: pieces with counts (continued), or a standalone model (--from-scratch). */
export function trainCommand(ctx) {
    const cmd = new Command('train').description('learn new pieces on top of the base (writes pieces with counts), or with --from-scratch a standalone BPE tokenizer directory');
    memoryOptions(specOptions(cmd));
    progressOptions(cmd)
        .requiredOption('--out <path>', 'pieces file (JSON), or the output directory with --from-scratch')
        .option('--extra <n>', 'pieces to learn beyond the target', int('--extra', 0, MAX_VOCAB), TRAIN_RESERVE)
        .option('--counts <files...>', 'train on count shards made by tokext count (summed) instead of --corpus')
        .option('--from-scratch', 'train a standalone SentencePiece-compatible BPE model (Mistral layout, byte_fallback)', false)
        .option('--vocab-size <n>', 'with --from-scratch: total vocabulary size', int('--vocab-size', 1, MAX_VOCAB), DEFAULTS.baseSize)
        .option('--force', 'replace an existing pieces file that tokext did not write, or with --from-scratch an output directory that tokext wrote (never an input)', false)
        .action(async (o) => {
        const spec = await specFrom(o);
        if (o.fromScratch) {
            const r = await withProgress(o.progress, (onProgress) => trainStandalone(spec, o.vocabSize, o.out, o.force, runFrom(o, ctx, onProgress)));
            return ctx.out(o.json
                ? JSON.stringify({ ok: true, out: o.out, vocab_size: r.vocabSize })
                : `wrote ${o.out}: a ${r.vocabSize}-piece BPE tokenizer trained from scratch`);
        }
        const r = await withProgress(o.progress, (onProgress) => trainPieces(spec, o.out, o.extra, { ...runFrom(o, ctx, onProgress), force: o.force }));
        ctx.out(o.json
            ? JSON.stringify({ ok: true, out: o.out, pieces: r.pieces.length })
            : `wrote ${r.pieces.length} pieces to ${o.out}`);
    });
    return cmd;
}
/** `tokext plan`: select to --target and pad to --pad-to. */
export function planCommand(ctx) {
    return forceFileOption(progressOptions(new Command('plan').description('select trained pieces to exactly --target entries (every one reachable) and pad to --pad-to'))
        .requiredOption('--pieces <file>', 'output of tokext train')
        .requiredOption('--out <file>', 'plan file (JSON)')
        .option('--target <n>', 'override the target', int('--target', 1, MAX_VOCAB))
        .option('--pad-to <n>', 'override pad-to', int('--pad-to', 1, MAX_VOCAB))).action(async (o) => {
        const r = await withProgress(o.progress, (onProgress) => planPieces(o.pieces, o.out, { target: o.target, padTo: o.padTo, force: o.force }, { signal: ctx.signal, onProgress, onNote: ctx.warn }));
        ctx.out(o.json
            ? JSON.stringify({ ok: true, out: o.out, rows: r.rows, dropped: r.dropped })
            : `planned ${r.rows} new ids (${r.dropped} dropped) into ${o.out}`);
    });
}
/** `tokext write`: artefacts from a plan. */
export function writeCommand(ctx) {
    return progressOptions(new Command('write').description('write tokenizer.json (and tokenizer.model for a SentencePiece base), configs and embedding-init.json from a plan'))
        .requiredOption('--plan <file>', 'output of tokext plan')
        .requiredOption('--out <dir>', 'output directory')
        .option('--force', 'replace an existing output directory that tokext wrote', false)
        .option('--no-verify', "skip the build's own checks of the written output (not recommended)")
        .action(async (o) => {
        await withProgress(o.progress, (onProgress) => writePlan(o.plan, o.out, o.force, { signal: ctx.signal, onProgress, onNote: ctx.warn, verify: o.verify }));
        ctx.out(o.json ? JSON.stringify({ ok: true, out: o.out }) : `wrote ${o.out}`);
    });
}
//# sourceMappingURL=stages.js.map