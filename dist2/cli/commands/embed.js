// tokext init-embeddings: grow a checkpoint's embedding matrices for the new vocabulary.
import { Command, Option } from 'commander';
import { INIT_DEFAULTS, INIT_RULES, initEmbeddings, } from '../../embed/grow.js';
import { progressOptions } from '../flags.js';
import { withProgress } from '../progress.js';
import { int, real } from '../parse.js';
import { MAX_VOCAB } from '../../spec.js';
/** `tokext init-embeddings --model DIR --init embedding-init.json --out DIR`. */
export function initEmbeddingsCommand(ctx) {
    return progressOptions(new Command('init-embeddings').description("resize a safetensors checkpoint's embed_tokens and lm_head to the new vocabulary and initialise the new rows"))
        .requiredOption('--model <dir>', 'HF checkpoint directory (model.safetensors or sharded with model.safetensors.index.json)')
        .requiredOption('--init <file>', 'embedding-init.json written by tokext build')
        .requiredOption('--out <dir>', 'output checkpoint directory')
        .option('--pad-to <n>', 'rows of the resized matrices (default: padded_vocab_size of the init file)', int('--pad-to', 1, MAX_VOCAB))
        .addOption(new Option('--rule <rule>', "mean: the mean of the base rows a new piece decomposes into; hewitt: every new row drawn from the base rows' distribution, N(mean, noise-scale · diag var) (Hewitt 2021), decompositions ignored; norm-mean: the mean rescaled to the median norm of the base rows of the piece's script")
        .choices(INIT_RULES)
        .default(INIT_DEFAULTS.rule))
        .option('--embed-name <name>', 'input embedding tensor', INIT_DEFAULTS.embedName)
        .option('--head-name <name>', 'output (lm_head) tensor', INIT_DEFAULTS.headName)
        .option('--tokenizer <dir>', "directory of tokenizer files to copy in (default: the init file's directory)")
        .option('--seed <n>', 'seed of the noise (hewitt)', int('--seed', 0, 2 ** 32 - 1), INIT_DEFAULTS.seed)
        .option('--noise-scale <x>', "hewitt: factor on the base rows' variance, 0 to 1 (1: as spread as the base rows; 1e-9: transformers' mean_resizing; 0: the mean)", real('--noise-scale', 0, 1), INIT_DEFAULTS.noiseScale)
        .option('--force', 'replace an existing output directory that tokext wrote (never the source model)', false)
        .action(async (o) => {
        // the library checks the options (a UsageError naming the field) as it does for any caller
        const { tokenizer, progress: mode, json: _json, ...flags } = o;
        const r = await withProgress(mode, (onProgress) => initEmbeddings({ ...flags, tokenizerDir: tokenizer, onProgress, signal: ctx.signal }));
        ctx.out(o.json ? JSON.stringify({ ok: true, ...r }) : summary(r));
    });
}
/** The text report of a run. */
function summary(r) {
    const m = r.idMap?.rows;
    const map = m
        ? ` following ${r.idMap.file} (${m.kept} kept, ${m.replaced} replaced, ${m.new} new, ${m.padding} padding; ${m.removed} removed)`
        : '';
    const left = r.leftBehind.map((f) => `${f.name} (${f.why})`).join('; ');
    return `wrote ${r.out}: ${r.resized.join(' and ')} resized from ${r.checkpointRows} to ${r.padTo} rows${map}; files: ${r.files.join(', ')}${left ? `\nleft behind: ${left}` : ''}`;
}
//# sourceMappingURL=embed.js.map