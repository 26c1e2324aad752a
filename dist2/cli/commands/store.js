// tokext import / versions / diff / export: the version store.
import { Command } from 'commander';
import { DEFAULT_DB, openStore } from '../../store/db.js';
import { jsonText } from '../../io/atomic.js';
import { claimOutputFile, storePaths } from '../../io/output.js';
import { forceFileOption } from '../output.js';
import { collect, int } from '../parse.js';
import { TEXT_FIELD_OPTION } from '../flags.js';
const dbOption = (c) => c.option('--db <file>', 'version store (SQLite)', DEFAULT_DB);
/** `tokext import PATH --label NAME`. */
export function importCommand(ctx) {
    return dbOption(new Command('import').description('store an existing tokenizer (.model BPE/Unigram, tokenizer.json, or a directory) as a version'))
        .argument('<path>', 'tokenizer file or directory')
        .requiredOption('--label <name>', 'unique name of the version')
        .option('--json', 'print JSON', false)
        .action(async (p, o) => {
        const { importTokenizer } = await import('../../store/record.js');
        const r = importTokenizer(o.db, p, o.label);
        ctx.out(o.json ? JSON.stringify(r) : `stored ${r.label} (id ${r.id}): ${r.size} pieces, ${r.modelType}, in ${o.db}`);
    });
}
/** `tokext versions`. */
export function versionsCommand(ctx) {
    return dbOption(new Command('versions').description('list the versions in the store'))
        .option('--json', 'print JSON', false)
        .action(async (o) => {
        const { listVersions } = await import('../../store/versions.js');
        const db = openStore(o.db, { readonly: true });
        try {
            const rows = listVersions(db, o.db);
            if (o.json)
                return ctx.out(JSON.stringify(rows, null, 2));
            if (rows.length === 0)
                return ctx.out(`no versions in ${o.db}`);
            ctx.out(['id', 'label', 'origin', 'type', 'size', 'padded', 'created'].join('\t'));
            for (const r of rows)
                ctx.out([r.id, r.label, r.origin, r.model_type, r.vocab_size, r.padded_size, r.created_at].join('\t'));
        }
        finally {
            db.close();
        }
    });
}
/** `tokext diff A B`. */
export function diffCommand(ctx) {
    return forceFileOption(dbOption(new Command('diff').description('what changed from version A to version B (store ids/labels or tokenizer paths)'))
        .argument('<a>')
        .argument('<b>')
        .option('--corpus <path>', 'also compare efficiency on this text; repeatable', collect, [])
        .option(...TEXT_FIELD_OPTION)
        .option('--remap <file>', 'write the embedding-row remap table from A to B')
        .option('--examples <n>', 'examples per section in text output', int('--examples'), 5)
        .option('--json', 'print JSON', false)).action(async (a, b, o) => {
        const [{ referenceInputs }, { diffVersions }, { renderDiff }, { remapTable }] = await Promise.all([
            import('../../store/resolve.js'),
            import('../../diff/side.js'),
            import('../../diff/diff.js'),
            import('../../diff/efficiency.js'),
        ]);
        const remap = o.remap
            ? claimOutputFile(o.remap, {
                inputs: [...o.corpus, ...referenceInputs([a, b], o.db)],
                force: o.force,
                flag: '--remap',
                onNote: ctx.warn,
            })
            : undefined;
        const { a: sa, b: sb, diff: d, efficiency: eff, } = await diffVersions(a, b, { db: o.db, corpora: o.corpus, textField: o.textField, signal: ctx.signal });
        remap?.write(jsonText(remapTable(sa, sb)));
        if (o.json)
            return ctx.out(JSON.stringify({ ...d, efficiency: eff ?? null }, null, 2));
        ctx.out(renderDiff(d, o.examples));
        if (eff) {
            ctx.out(`efficiency on ${eff.lines} lines: A ${eff.a.chars_per_token} chars/token, B ${eff.b.chars_per_token} chars/token, ${eff.tokens_saved} tokens saved`);
            for (const m of eff.most_changed.slice(0, o.examples))
                ctx.out(`  ${m.tokens_a} -> ${m.tokens_b} tokens: ${JSON.stringify(m.text.slice(0, 60))}`);
        }
        if (o.remap)
            ctx.out(`wrote remap table to ${o.remap}`);
    });
}
/** `tokext export VERSION --out DIR`. */
export function exportCommand(ctx) {
    return dbOption(new Command('export').description('regenerate the full HF directory of a stored version'))
        .argument('<version>', 'id or label')
        .requiredOption('--out <dir>', 'output directory')
        .option('--force', 'replace an existing output directory that tokext wrote', false)
        .option('--json', 'print JSON', false)
        .action(async (ref, o) => {
        const [{ loadVersion }, { exportVersion }] = await Promise.all([
            import('../../store/versions.js'),
            import('../../store/export.js'),
        ]);
        const db = openStore(o.db, { readonly: true });
        let files;
        try {
            files = await exportVersion(loadVersion(db, o.db, ref), o.out, { force: o.force, inputs: storePaths(o.db) });
        }
        finally {
            db.close();
        }
        ctx.out(o.json ? JSON.stringify({ out: o.out, files }) : `wrote ${o.out}: ${files.join(', ')}`);
    });
}
//# sourceMappingURL=store.js.map