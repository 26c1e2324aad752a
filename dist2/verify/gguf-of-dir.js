// The vocab-only GGUF of a tokext output directory, as llama.cpp's converter would write its
// vocabulary: what `tokext gguf` writes, and what verify loads into llama.cpp.
import fs from 'node:fs';
import path from 'node:path';
import { GGUF_NAMES } from '../base/bundled.js';
import { sentencePieceOfJson } from '../base/sentencepiece.js';
import { InputError, UsageError } from '../errors.js';
import { ggufVocabOf } from '../gguf/of-tokenizer.js';
import { padVocab, vocabKvs } from '../gguf/vocab.js';
import { hfPieces, readHfBpe } from '../hf/model.js';
import { readJsonFile } from '../io/json.js';
import { GGUF_MARK } from '../io/output.js';
import { readModelProto } from '../spm/modelproto.js';
import { manifestOf } from './report.js';
/** The JSON file `name` of `dir`, when there is one. */
function jsonIn(dir, name) {
    const f = path.join(dir, name);
    return fs.existsSync(f) ? readJsonFile(f) : undefined;
}
/** `dir`'s tokenizer as the GGUF vocabulary is made from it: tokenizer.model when there is one, else
 * tokenizer.json (in SentencePiece form when it is one, else HF BPE), as family/load.ts reads them;
 * `read` is its HF BPE tokenizer.json as already read (verify's), spared reading again. */
export function tokenizerDataOf(dir, read) {
    const config = jsonIn(dir, 'tokenizer_config.json');
    if (read) {
        const model = { pieces: hfPieces(read), normalizerSpec: {} };
        return { format: 'hf', byteLevel: read.byteLevel, model, merges: read.merges, tokenizerJson: read.json, config };
    }
    const modelFile = path.join(dir, 'tokenizer.model');
    const jsonFile = path.join(dir, 'tokenizer.json');
    const tokenizerJson = jsonIn(dir, 'tokenizer.json');
    if (fs.existsSync(modelFile)) {
        const model = readModelProto(fs.readFileSync(modelFile), modelFile);
        return { format: 'sentencepiece', byteLevel: false, model, tokenizerJson, config };
    }
    if (!tokenizerJson)
        throw new InputError('directory has neither tokenizer.model nor tokenizer.json', dir);
    const sp = sentencePieceOfJson(tokenizerJson, jsonFile, path.basename(dir), jsonFile);
    if (sp)
        return { format: 'sentencepiece', byteLevel: false, model: sp.model, tokenizerJson, config };
    return tokenizerDataOf(dir, readHfBpe(tokenizerJson, jsonFile));
}
/** The GGUF KVs of `dir`'s vocabulary, named `name` (default: the directory's), grown to `vocabSize`
 * tokens when given (padVocab); the architecture and pre-tokenizer name from `o` or its base's (a
 * UsageError when neither knows them). */
export function ggufOfDir(dir, o = {}) {
    const data = tokenizerDataOf(dir, o.read);
    const manifest = manifestOf(dir);
    const known = GGUF_NAMES[manifest?.base?.name ?? manifest?.spec?.base ?? ''];
    const architecture = o.architecture ?? known?.architecture ?? o.defaultArchitecture;
    const pre = o.pre ?? known?.pre;
    const dirName = path.basename(path.resolve(dir));
    const shown = manifest?.base?.name ?? dirName;
    if (architecture === undefined)
        throw new UsageError(`the llama.cpp architecture of ${shown} is not known to tokext`, 'pass --architecture (the base model’s general.architecture, e.g. llama, qwen3) and for a byte-level base --pre');
    if (data.byteLevel && pre === undefined)
        throw new UsageError(`the llama.cpp pre-tokenizer name of ${shown} is not known to tokext`, "pass --pre (the base's tokenizer.ggml.pre, e.g. llama-bpe, qwen2)");
    const own = ggufVocabOf(data, pre);
    if (o.vocabSize !== undefined && o.vocabSize < own.tokens.length)
        throw new UsageError(`--vocab-size ${o.vocabSize} is below the ${own.tokens.length} ids of ${shown}`, "pass the checkpoint's vocab_size (config.json), which is at least the tokenizer's ids");
    const vocab = o.vocabSize === undefined ? own : padVocab(own, o.vocabSize);
    const kvs = [
        { key: 'tokext.format', type: 'string', value: GGUF_MARK },
        ...vocabKvs({ architecture, name: o.name ?? dirName }, vocab),
    ];
    return { kvs, vocab, architecture, data };
}
//# sourceMappingURL=gguf-of-dir.js.map