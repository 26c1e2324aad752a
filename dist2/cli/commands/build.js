// tokext build: the whole job.
import { Command } from 'commander';
import { DEFAULT_DB } from '../../store/db.js';
import { storePaths } from '../../io/output.js';
import { memoryOptions, progressOptions, runFrom, specFrom, specOptions } from '../flags.js';
import { withProgress } from '../progress.js';
/** `tokext build --corpus ... --out DIR`. */
export function buildCommand(ctx) {
    const cmd = new Command('build').description('extend the base tokenizer with pieces learned from a corpus and write an HF/SentencePiece directory');
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
        .action(async (o) => {
        const [{ build }, { buildSummary, buildText }, { openRecorder }] = await Promise.all([
            import('../../stages/build.js'),
            import('../../stages/build-text.js'),
            import('../../store/record.js'),
        ]);
        const spec = await specFrom(o);
        const recorder = o.db ? openRecorder(o.db, o.label, spec) : undefined;
        let r;
        try {
            const inputs = recorder ? storePaths(recorder.file) : [];
            r = await withProgress(o.progress, (onProgress) => build(spec, {
                ...runFrom(o, ctx, onProgress),
                out: o.out,
                force: o.force,
                verify: o.verify,
                recordTimings: o.recordTimings,
                inputs,
                record: recorder?.record,
            }));
        }
        finally {
            recorder?.close();
        }
        for (const n of r.notes)
            ctx.warn(n);
        ctx.out(o.json ? JSON.stringify(buildSummary(r), null, 2) : buildText(r, spec, o.db || undefined));
    });
    return cmd;
}
//# sourceMappingURL=build.js.map