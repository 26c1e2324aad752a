// tokext eval: efficiency of tokenizers on corpora, as a table, JSON or an HTML report.
import { Command } from 'commander';
import { claimOutputFile } from '../../io/output.js';
import { forceFileOption } from '../output.js';
import { collect } from '../parse.js';
import { DEFAULT_DB } from '../../store/db.js';
import { TEXT_FIELD_OPTION, progressOptions } from '../flags.js';
import { withProgress } from '../progress.js';
/** `tokext eval --tokenizer A ... --corpus X ...`. */
export function evalCommand(ctx) {
    return forceFileOption(progressOptions(new Command('eval').description('characters per token and more for every tokenizer on every corpus'))
        .option('--tokenizer <ref>', 'store version, directory, tokenizer.json or tokenizer.model (BPE or Unigram); repeatable', collect, [])
        .option('--corpus <path>', 'file or directory of text; repeatable', collect, [])
        .option(...TEXT_FIELD_OPTION)
        .option('--db <file>', 'version store for version labels', DEFAULT_DB)
        .option('--report <file.html>', 'write a self-contained HTML report with charts')
        .option('--dead', 'list the new pieces of extended tokenizers that no corpus used', false)).action(async (o) => {
        const [{ evaluate }, { renderReport }, { renderEvalText }, { referenceInputs }] = await Promise.all([
            import('../../eval/eval.js'),
            import('../../eval/report.js'),
            import('../../eval/text.js'),
            import('../../store/resolve.js'),
        ]);
        const report = o.report
            ? claimOutputFile(o.report, {
                inputs: [...o.corpus, ...referenceInputs(o.tokenizer, o.db)],
                force: o.force,
                flag: '--report',
                onNote: ctx.warn,
            })
            : undefined;
        const r = await withProgress(o.progress, (onProgress) => evaluate({
            tokenizers: o.tokenizer,
            corpora: o.corpus,
            db: o.db,
            textField: o.textField,
            signal: ctx.signal,
            onProgress,
        }));
        report?.write(renderReport(r, new Date().toISOString()));
        if (o.json)
            return ctx.out(JSON.stringify(o.dead ? { rows: r.rows, tokenizers: r.tokenizers } : r.rows, null, 2));
        for (const line of renderEvalText(r, o.dead))
            ctx.out(line);
        if (o.report)
            ctx.out(`wrote ${o.report}`);
    });
}
//# sourceMappingURL=eval.js.map