// The one tokenizer loader: any tokenizer file or directory (SentencePiece BPE/Unigram .model,
// SentencePiece-form or HF BPE tokenizer.json, Unigram tokenizer.json) read into a model, with the
// manifest tokext wrote beside it; and `loadBase`, which also knows the bundled bases by name.
// This is where a tokenizer's family is recognised (`extendable`): the one place that decides it.
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { readJsonFile } from '../io/json.js';
import { readManifest } from '../io/manifest-format.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { DEFAULTS, isPaddingName } from '../spec.js';
import { ModelType, readModelProto } from '../spm/modelproto.js';
import { MISTRAL_NORMALIZER_SPEC, checkBpeModel, loadMistralFromPackage, sentencePieceOfJson, } from '../base/sentencepiece.js';
import { BASE_NAMES, HF_BASES } from '../base/bundled.js';
import { readHfBpe } from '../hf/model.js';
import { deriveMerges } from '../bpe/derive.js';
import { PieceType, byteOfPiece } from '../vocab/model.js';
import { standaloneBase } from '../train/scratch.js';
import { HfFamily } from './hf.js';
import { SentencePieceFamily } from './sentencepiece.js';
export { BASE_NAMES };
/** A BPE tokenizer.json as a base of its family: SentencePiece BPE when it is one in HF form,
 * else HF BPE. `config` is its tokenizer_config.json. */
export function extendable(json, file, name, source, config) {
    const sp = sentencePieceOfJson(json, file, name, source);
    return sp ? new SentencePieceFamily(sp) : new HfFamily({ name, source, hf: readHfBpe(json, file), config });
}
/** The display name of a tokenizer at `abs`. */
function nameOf(abs) {
    const base = path.basename(abs);
    return base === 'tokenizer.model' || base === 'tokenizer.json'
        ? path.basename(path.dirname(abs))
        : base.replace(/\.(model|json)$/, '');
}
function typeName(t) {
    return Object.entries(ModelType).find(([, v]) => v === (t ?? ModelType.UNIGRAM))?.[0] ?? String(t);
}
/** Reads a tokenizer.json: Unigram, SentencePiece-form BPE or HF BPE. */
function readJsonView(abs, shown) {
    const json = readJsonFile(shown);
    if (!json || typeof json !== 'object')
        throw new InputError('not a tokenizer.json (not a JSON object)', shown);
    if (json.model?.type === 'Unigram' && Array.isArray(json.model.vocab)) {
        const pieces = json.model.vocab.map(([piece, score], i) => ({
            piece,
            score,
            type: i === json.model.unk_id
                ? PieceType.UNKNOWN
                : byteOfPiece(piece) !== undefined
                    ? PieceType.BYTE
                    : PieceType.NORMAL,
        }));
        const notBase = new InputError('not a BPE tokenizer.json (model.type is Unigram)', shown, undefined, 'pass a BPE tokenizer as --base');
        return {
            modelType: 'UNIGRAM',
            format: 'sentencepiece',
            byteLevel: false,
            model: {
                pieces,
                trainerSpec: { model_type: ModelType.UNIGRAM },
                normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC },
                paddingIds: [],
            },
            notBase,
        };
    }
    const dir = path.dirname(abs);
    const configFile = path.join(dir, 'tokenizer_config.json');
    const config = fs.existsSync(configFile) ? readJsonFile(configFile) : undefined;
    const b = extendable(json, abs, nameOf(abs), abs, config);
    return {
        modelType: 'BPE',
        format: b.format,
        byteLevel: b.byteLevel,
        ...b.asModel(),
        base: b,
        files: b.storedFiles(dir),
    };
}
/** Reads a SentencePiece tokenizer.model (BPE or Unigram). */
function readModelView(abs, shown) {
    const bytes = fs.readFileSync(abs);
    if (bytes.length > 0 && bytes[0] !== 0x0a) {
        throw new InputError('not a tokenizer.model (SentencePiece ModelProto) or tokenizer.json', shown, undefined, 'pass a .model, a tokenizer.json or a directory holding one');
    }
    const d = readModelProto(bytes, abs);
    const model = { ...d, paddingIds: [] };
    const modelType = typeName(d.trainerSpec.model_type);
    try {
        checkBpeModel(model, abs);
    }
    catch (e) {
        if (!(e instanceof InputError))
            throw e;
        return { modelType, format: 'sentencepiece', byteLevel: false, model, notBase: e };
    }
    return {
        modelType,
        format: 'sentencepiece',
        byteLevel: false,
        model,
        base: new SentencePieceFamily({ name: nameOf(abs), source: abs, model, merges: deriveMerges(model.pieces) }),
    };
}
/** Adds the facts of the manifest in `dir` (if any) and the padding and piece kinds they imply. */
function withManifest(v, abs, engineFile, dir) {
    const hint = 'rebuild the directory, or remove manifest.json to import it as a plain tokenizer';
    const manifest = dir ? readManifest(dir, hint) : undefined;
    const manifestText = manifest ? fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8') : undefined;
    const prefix = manifest?.spec?.padPrefix ?? DEFAULTS.padPrefix;
    const model = {
        ...v.model,
        paddingIds: v.model.pieces.flatMap((p, i) => p.type === PieceType.CONTROL && isPaddingName(p.piece, prefix) ? [i] : []),
    };
    const pad = new Set(model.paddingIds);
    const baseSize = manifest?.base?.vocab_size;
    const kinds = model.pieces.map((_, i) => pad.has(i) ? 'padding' : typeof baseSize !== 'number' ? 'imported' : i < baseSize ? 'base' : 'new-merge');
    return {
        ...v,
        name: nameOf(abs),
        source: abs,
        engineFile,
        model,
        kinds,
        manifestText,
        baseName: manifest?.base?.name,
        baseSize,
        spec: manifest?.spec,
    };
}
/** Reads a .model, a tokenizer.json, or a directory holding either. Every file of a directory is
 * read, so a corrupt one is never passed over; tokenizer.model is the view returned when present. */
export function loadTokenizer(file) {
    const abs = path.resolve(file);
    if (!fs.existsSync(abs))
        throw new InputError('no such tokenizer file or directory', file);
    if (!fs.statSync(abs).isDirectory())
        return withManifest(abs.endsWith('.json') ? readJsonView(abs, file) : readModelView(abs, file), abs, abs, undefined);
    const found = ['tokenizer.model', 'tokenizer.json'].map((n) => path.join(abs, n)).filter((f) => fs.existsSync(f));
    if (found.length === 0)
        throw new InputError('directory has neither tokenizer.model nor tokenizer.json', file);
    const views = found.map((f) => (f.endsWith('.json') ? readJsonView(f, f) : readModelView(f, f)));
    const v = views[0];
    for (let i = 1; i < views.length; i++) {
        if (views[i].model.pieces.length !== v.model.pieces.length) {
            throw new InputError(`holds ${views[i].model.pieces.length} entries but ${path.basename(found[0])} holds ${v.model.pieces.length}: the two files are not one tokenizer`, found[i], undefined, 'rebuild or re-export the directory');
        }
    }
    return withManifest(v, abs, found[0], abs);
}
/** Loads `--base`: a name (mistral-7b-v0.1, llama-3, qwen3, gemma-3), a .model, a tokenizer.json,
 * or a directory holding one. Only BPE tokenizers can be extended. */
export function loadBase(ref) {
    if (ref === DEFAULTS.base)
        return new SentencePieceFamily(loadMistralFromPackage());
    const named = HF_BASES[ref];
    if (named) {
        const b = named();
        return extendable(b.json, b.source, b.name, b.source, b.config);
    }
    if (!fs.existsSync(path.resolve(ref))) {
        throw new UsageError(`base tokenizer not found: ${ref}`, `use one of ${BASE_NAMES.join(', ')} or a path to tokenizer.model, tokenizer.json or an HF directory`);
    }
    const t = loadTokenizer(ref);
    if (!t.base)
        throw t.notBase ?? new InputError(`base must be a BPE model, this one is ${t.modelType}`, t.engineFile);
    return t.base; // named and sourced by the file it was read from (tokenizer.model first), as t is
}
/** The base a model trained from scratch grows from (and verify checks it against): its specials
 * and byte pieces, as a SentencePiece BPE base. */
export function standaloneFamily(vocabSize, splitByScript) {
    return new SentencePieceFamily(standaloneBase(vocabSize, splitByScript));
}
//# sourceMappingURL=load.js.map