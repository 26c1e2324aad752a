// init-embeddings: grow a safetensors checkpoint's input embeddings and lm_head to the new
// vocabulary, streaming every other tensor; base rows bit-for-bit, new rows from the rule.
import { ARTEFACTS } from '../io/manifest-format.js';
import { README_NAME } from '../write/readme.js';
import { EMBEDDING_TENSORS } from '../write/embedding-init.js';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, InterruptedError, UsageError, asOutputError } from '../errors.js';
import { jsonText, writeFileAtomic } from '../io/atomic.js';
import { readJsonFile } from '../io/json.js';
import { parseAs } from '../io/validate.js';
import { z } from 'zod';
import { MANIFEST_NAME, StagedDir } from '../io/staged-dir.js';
import { checkpointManifest } from '../write/manifest.js';
import { MAX_VOCAB } from '../spec.js';
import { ID_MAP_NAME } from '../io/id-map-format.js';
import { Pacer, throwIfAborted } from '../progress.js';
import { DTYPE_BYTES } from './dtype.js';
import { INIT_RULES, paddingRule, writeResized } from './fill-rows.js';
import { readInit } from './init-file.js';
import { pieceScripts } from './norm-mean.js';
import { rowCounts, rowPlan, rowsOut } from './row-plan.js';
import { PacedWriter, copyRange, headerBytes, readHeader } from './safetensors.js';
export { INIT_RULES } from './fill-rows.js';
/** The defaults of init-embeddings (the CLI shows these). */
export const INIT_DEFAULTS = {
    rule: 'mean',
    embedName: EMBEDDING_TENSORS[0],
    headName: EMBEDDING_TENSORS[1],
    seed: 0,
    /** The hewitt draw's covariance is noiseScale · diag Σ of the base rows. 1: a draw as spread as the base rows
     * (a new token starts as likely as a random one); 1e-5: Hewitt's (2021) own code, near the mean (his analysis:
     * the mean keeps the model's predictions, the noise only tells new rows apart); 1e-9: transformers'
     * mean_resizing; 0: the base mean alone. Default 1e-5, the rule's author's choice. */
    noiseScale: 1e-5,
};
/** The CLI flag of each option, named in errors so that both callers know what to change. */
const FLAGS = {
    model: '--model',
    init: '--init',
    out: '--out',
    padTo: '--pad-to',
    rule: '--rule',
    embedName: '--embed-name',
    headName: '--head-name',
    seed: '--seed',
    noiseScale: '--noise-scale',
    force: '--force',
    tokenizerDir: '--tokenizer',
};
const path1 = z.string().min(1, 'expected a non-empty path');
const optionsSchema = z.strictObject({
    model: path1,
    init: path1,
    out: path1,
    padTo: z.int().min(1).max(MAX_VOCAB).optional(),
    rule: z.enum(INIT_RULES).optional(),
    embedName: z.string().min(1).optional(),
    headName: z.string().min(1).optional(),
    seed: z
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .optional(),
    noiseScale: z.number().min(0).max(1).optional(),
    force: z.boolean().optional(),
    tokenizerDir: path1.optional(),
    onProgress: z.custom((v) => typeof v === 'function', 'expected a function').optional(),
    signal: z.instanceof(AbortSignal, { message: 'expected an AbortSignal' }).optional(),
});
/** The options checked (a UsageError naming the first wrong field and its flag) with every default filled in. */
function resolveOptions(opts) {
    const r = optionsSchema.safeParse(opts);
    if (!r.success) {
        const issue = r.error.issues[0];
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : issue.path.slice(0, 1).map(String);
        const field = keys.length ? keys.map((k) => `${k}${FLAGS[k] ? ` (${FLAGS[k]})` : ''}`).join(', ') : 'the options';
        throw new UsageError(`initEmbeddings: ${field}: ${issue.message}`);
    }
    const o = r.data;
    const d = INIT_DEFAULTS;
    return {
        ...o,
        rule: o.rule ?? d.rule,
        embedName: o.embedName ?? d.embedName,
        headName: o.headName ?? d.headName,
        seed: o.seed ?? d.seed,
        noiseScale: o.noiseScale ?? d.noiseScale,
        force: o.force ?? false,
    };
}
/** Why a file of the source model directory must not go with the grown checkpoint, or undefined
 * to copy it: weights in other formats still have the old row count, and the base's tokenizer
 * files describe the old vocabulary (the new ones are copied from the tokenizer directory). */
function leftBehind(name) {
    if (/\.(bin|pt|pth|ckpt|h5|msgpack|gguf|onnx|pkl|npz)$/i.test(name) ||
        /^(pytorch_model|tf_model|flax_model)\..*index\.json$/.test(name) ||
        /^consolidated\./.test(name)) {
        return 'weights in another format, still of the old vocabulary size';
    }
    if (['params.json', 'tekken.json'].includes(name))
        return 'a raw (non-HF) checkpoint description of the old size';
    if (/^tokenizer\.model\.v\d+$/.test(name) ||
        [
            'vocab.json',
            'merges.txt',
            'added_tokens.json',
            'tokenizer.json',
            'tokenizer.model',
            'tokenizer_config.json',
            'special_tokens_map.json',
        ].includes(name)) {
        return "the base's tokenizer (the extension's files replace it)";
    }
    if (/^readme(\.md)?$/i.test(name))
        return "the base model's card (it describes the old vocabulary; the extension's README.md is copied instead)";
    if (name.endsWith('.safetensors'))
        return 'weights that are not part of the checkpoint (not in its index), still of the old vocabulary size';
    return undefined;
}
/** What a build writes beside the manifest (HF builds: all but tokenizer.model), copied into the grown checkpoint. */
const TOKENIZER_FILES = [...ARTEFACTS, README_NAME];
/**
 * Rows a checkpoint may have beyond its tokenizer's ids (Qwen3: 151,936 rows for 151,669 ids; Gemma 3: 262,208
 * for 262,145): at most 1% more. Anything larger means the init file was built on another tokenizer.
 */
function spareRows(ids) {
    return Math.floor(ids / 100);
}
const indexSchema = z.looseObject({
    metadata: z.record(z.string(), z.unknown()).optional(),
    weight_map: z.record(z.string(), z.string().regex(/^[^/\\]+\.safetensors$/, 'expected the file name of a .safetensors shard in the same directory')),
});
/** Shard files and where each tensor lives. */
function locate(dir) {
    const indexFile = path.join(dir, 'model.safetensors.index.json');
    if (fs.existsSync(indexFile)) {
        const index = parseAs(indexSchema, readJsonFile(indexFile), indexFile, 'safetensors index');
        const shards = [...new Set(Object.values(index.weight_map))].sort();
        return { shards, index };
    }
    const single = path.join(dir, 'model.safetensors');
    if (!fs.existsSync(single))
        throw new InputError('no model.safetensors or model.safetensors.index.json', dir, undefined, 'point --model at a Hugging Face safetensors checkpoint directory');
    return { shards: ['model.safetensors'] };
}
/** The model's config.json as an object, or undefined when there is none. */
function readConfig(dir) {
    const file = path.join(dir, 'config.json');
    if (!fs.existsSync(file))
        return undefined;
    return parseAs(z.looseObject({}), readJsonFile(file), file, 'model config.json');
}
/**
 * Runs init-embeddings; writes nothing unless everything succeeds. The options are checked first (a
 * UsageError naming the field); an abort of `signal` stops it within a fraction of a second with an
 * InterruptedError, the staged output removed.
 */
export async function initEmbeddings(opts) {
    const o = resolveOptions(opts);
    throwIfAborted(o.signal);
    const staged = new StagedDir(o.out, {
        force: o.force,
        inputs: [o.model, o.init, ...TOKENIZER_FILES.map((n) => path.join(o.tokenizerDir ?? path.dirname(o.init), n))],
    });
    try {
        return await writeInto(staged, o);
    }
    catch (e) {
        staged.abort();
        if (o.signal?.aborted && !(e instanceof InterruptedError))
            throw new InterruptedError();
        throw asOutputError(e, o.out);
    }
}
/** The tensors to grow (the output head only when untied) and how each one's padding rows are filled. */
function growTargets(headers, o, config) {
    const targets = [o.embedName, o.headName].filter((n) => headers.some((h) => h.tensors.has(n)));
    if (!targets.includes(o.embedName)) {
        const names = headers.flatMap((h) => [...h.tensors.keys()]).filter((n) => /embed|lm_head|wte/.test(n));
        throw new InputError(`tensor '${o.embedName}' not found (similar tensors: ${names.join(', ') || 'none'})`, o.model, undefined, 'pass --embed-name / --head-name');
    }
    const tied = !targets.includes(o.headName);
    if (tied && config?.tie_word_embeddings !== true) {
        throw new InputError(`tensor '${o.headName}' not found and the model does not tie embeddings`, o.model, undefined, 'pass --head-name');
    }
    return { targets, padding: Object.fromEntries(targets.map((n) => [n, paddingRule(n, o.headName, tied)])) };
}
/** Every tensor to grow is a matrix of a supported dtype with the base's rows (plus a few spare). */
function checkTargets(headers, targets, init, initFile) {
    for (const h of headers)
        for (const n of targets) {
            const t = h.tensors.get(n);
            if (!t)
                continue;
            if (!DTYPE_BYTES[t.dtype])
                throw new InputError(`tensor '${n}' has dtype ${t.dtype}; supported: BF16, F16, F32`, h.file);
            if (t.shape.length !== 2)
                throw new InputError(`tensor '${n}' has shape [${t.shape.join(',')}], expected a matrix`, h.file);
            if (t.shape[0] < init.base.vocab_size || t.shape[0] > init.base.vocab_size + spareRows(init.base.vocab_size)) {
                throw new InputError(`tensor '${n}' has ${t.shape[0]} rows but ${initFile} is for a base of ${init.base.vocab_size} ids (${init.base.name}; a checkpoint may have at most ${spareRows(init.base.vocab_size)} spare rows)`, h.file, undefined, "use the embedding-init.json built on this model's tokenizer");
            }
        }
}
/** The shard's tensors in offset order, with their places in the output (targets grown to `padTo` rows). */
function layout(h, targets, padTo) {
    const ordered = [...h.tensors.entries()].sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
    let at = 0;
    const out = ordered.map(([name, t]) => {
        const resize = targets.includes(name);
        const shape = resize ? [padTo, t.shape[1]] : t.shape;
        const len = resize ? padTo * t.shape[1] * DTYPE_BYTES[t.dtype] : t.data_offsets[1] - t.data_offsets[0];
        const e = { dtype: t.dtype, shape, data_offsets: [at, at + len] };
        at += len;
        return [name, e];
    });
    return { ordered, out, size: at };
}
/** Writes one shard with its target tensors grown to `padTo` rows; returns its data size. */
async function writeShard(staged, h, targets, run, padding) {
    const { ordered, out: entries, size } = layout(h, targets, run.plan.rows);
    const shard = path.basename(h.file);
    const toCopy = ordered
        .filter(([n]) => !targets.includes(n))
        .reduce((s, [, t]) => s + t.data_offsets[1] - t.data_offsets[0], 0);
    let copied = 0;
    const fd = fs.openSync(staged.file(shard), 'w');
    try {
        const out = new PacedWriter(fd, run.pacer);
        await out.write(headerBytes(entries, h.metadata));
        for (const [name, t] of ordered) {
            if (targets.includes(name)) {
                await writeResized(out, h, name, t, run, padding[name]);
                continue;
            }
            const [begin, end] = t.data_offsets;
            const onBytes = (n) => run.o.onProgress?.({ stage: `copy ${shard}`, current: copied + n, total: toCopy });
            await copyRange(h.file, h.dataStart + begin, end - begin, out, onBytes);
            copied += end - begin;
        }
        await out.sync();
    }
    finally {
        fs.closeSync(fd);
    }
    return size;
}
/** Carries the model directory's other files over (config.json with the new vocab_size), leaving
 * behind what no longer fits, then the extension's tokenizer files; returns what was left behind. */
function carryFiles(staged, o, config, padTo, mapFile) {
    const left = [];
    for (const name of fs.readdirSync(o.model).sort()) {
        throwIfAborted(o.signal);
        const src = path.join(o.model, name);
        if (!fs.statSync(src).isFile() || name === 'model.safetensors.index.json' || fs.existsSync(staged.file(name)))
            continue;
        const why = leftBehind(name);
        if (why)
            left.push({ name, why });
        else if (name === 'config.json')
            writeFileAtomic(staged.file(name), jsonText({ ...config, vocab_size: padTo }));
        else
            fs.copyFileSync(src, staged.file(name));
    }
    if (!config)
        writeFileAtomic(staged.file('config.json'), jsonText({ vocab_size: padTo }));
    const tokDir = o.tokenizerDir ?? path.dirname(path.resolve(o.init));
    for (const name of TOKENIZER_FILES) {
        const src = path.join(tokDir, name);
        if (fs.existsSync(src))
            fs.copyFileSync(src, staged.file(name));
    }
    if (mapFile)
        fs.copyFileSync(mapFile, staged.file(ID_MAP_NAME)); // how this checkpoint's rows relate to the base's
    return left;
}
/** The scripts norm-mean needs, from the extension's tokenizer.json (kept base pieces at their new ids). */
function scriptsFor(o, input) {
    if (o.rule !== 'norm-mean')
        return undefined;
    const file = path.join(o.tokenizerDir ?? path.dirname(path.resolve(o.init)), 'tokenizer.json');
    const m = input.map?.map;
    return pieceScripts(file, input.init.base.vocab_size, (old) => (m ? m.old_to_new[old] : old));
}
async function writeInto(staged, o) {
    const input = readInit(o.init);
    const { shards, index } = locate(o.model);
    const headers = shards.map((s) => readHeader(path.join(o.model, s)));
    const checkpointRows = Math.max(0, ...headers.flatMap((h) => [o.embedName, o.headName].map((n) => h.tensors.get(n)?.shape[0] ?? 0)));
    const padTo = rowsOut(input, o.padTo, checkpointRows);
    const config = readConfig(o.model);
    const { targets, padding } = growTargets(headers, o, config);
    checkTargets(headers, targets, input.init, o.init);
    const run = { plan: rowPlan(input, padTo), o, pacer: new Pacer(o.signal), scripts: scriptsFor(o, input) };
    let total = 0;
    for (const h of headers)
        total += await writeShard(staged, h, targets, run, padding);
    if (index)
        writeFileAtomic(staged.file('model.safetensors.index.json'), jsonText({ ...index, metadata: { ...(index.metadata ?? {}), total_size: total } }));
    const left = carryFiles(staged, o, config, padTo, input.map?.file);
    const idMap = input.map && { file: input.map.file, mode: input.map.map.mode, rows: rowCounts(input, padTo) };
    writeFileAtomic(staged.file(MANIFEST_NAME), jsonText(checkpointManifest({
        model: path.resolve(o.model),
        init: path.resolve(o.init),
        paddedVocabSize: padTo,
        rule: o.rule,
        noiseScale: o.noiseScale,
        resized: targets,
        paddingRows: padding,
        idMap,
    })));
    const files = fs.readdirSync(staged.dir).sort();
    throwIfAborted(o.signal);
    staged.commit();
    const res = { out: o.out, files, padTo, resized: targets, checkpointRows, leftBehind: left, paddingRows: padding };
    return idMap ? { ...res, idMap } : res;
}
//# sourceMappingURL=grow.js.map