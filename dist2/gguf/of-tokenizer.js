// The GGUF vocabulary of a tokenizer as tokext reads one (family/load.ts's LoadedTokenizer: pieces
// by id with types, merges, format, byte-level or not) plus its tokenizer.json and
// tokenizer_config.json as parsed: picks the shape of gguf/vocab.ts the converter would write.
import { InvariantError } from '../errors.js';
import { PieceType } from '../vocab/model.js';
import { addedTokensOfConfig, byteLevelVocab, sentencePieceJsonVocab, sentencePieceVocab, } from './vocab.js';
/** The added tokens of an HF vocabulary: its CONTROL (special) and USER_DEFINED pieces. */
function addedOfPieces(model) {
    return model.pieces.flatMap((p, id) => p.type === PieceType.CONTROL || p.type === PieceType.USER_DEFINED
        ? [{ id, content: p.piece, special: p.type === PieceType.CONTROL }]
        : []);
}
/** The steps of a tokenizer.json normalizer or pre-tokenizer, a Sequence flattened. */
export function steps(s) {
    const q = s;
    if (q?.type === 'Sequence')
        return [...(q.normalizers ?? []), ...(q.pretokenizers ?? [])].flatMap(steps);
    return [q];
}
/** True if a SentencePiece-form tokenizer.json puts ▁ before the text (a Prepend normaliser, or a
 * Metaspace pre-tokenizer that prepends): llama.cpp's add_space_prefix. Gemma 3: no. */
export function addsSpacePrefix(json) {
    const prepend = steps(json?.normalizer).some((n) => n?.type === 'Prepend' && n.prepend === '\u2581');
    const meta = steps(json?.pre_tokenizer).some((p) => p?.type === 'Metaspace' && (p.prepend_scheme ?? (p.add_prefix_space === false ? 'never' : 'always')) !== 'never');
    return prepend || meta;
}
/** The vocabulary llama.cpp's converter would write for `t`; `pre` names a byte-level base's
 * pre-tokenizer (tokenizer.ggml.pre: "llama-bpe", "qwen2", …). */
export function ggufVocabOf(t, pre) {
    const postProcessor = t.tokenizerJson?.post_processor;
    if (t.format === 'sentencepiece') {
        const added = t.tokenizerJson?.added_tokens ?? addedTokensOfConfig(t.config);
        const addSpacePrefix = t.model.normalizerSpec.add_dummy_prefix !== false;
        return sentencePieceVocab({ config: t.config, added, postProcessor, pieces: t.model.pieces, addSpacePrefix });
    }
    if (!t.merges)
        throw new InvariantError('an HF tokenizer without merges');
    const input = {
        config: t.config,
        added: addedOfPieces(t.model),
        postProcessor,
        tokens: t.model.pieces.map((p) => p.piece),
        merges: t.merges,
    };
    if (!t.byteLevel)
        return sentencePieceJsonVocab({ ...input, addSpacePrefix: addsSpacePrefix(t.tokenizerJson) });
    if (!pre)
        throw new InvariantError('a byte-level vocabulary needs its pre-tokenizer name');
    return byteLevelVocab({ ...input, pre });
}
//# sourceMappingURL=of-tokenizer.js.map