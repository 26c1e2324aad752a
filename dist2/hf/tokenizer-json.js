// tokenizer.json in the base's (Llama/Mistral legacy) form, written in id order.
import { PieceType, SPACE } from '../vocab/model.js';
import { deriveMerges } from '../bpe/derive.js';
/** Special tokens of the model: UNKNOWN, CONTROL and padding pieces, in id order. */
export function addedTokens(model) {
    const pad = new Set(model.paddingIds);
    const out = [];
    model.pieces.forEach((p, id) => {
        if (p.type === PieceType.UNKNOWN || p.type === PieceType.CONTROL || pad.has(id)) {
            out.push({
                id,
                content: p.piece,
                single_word: false,
                lstrip: false,
                rstrip: false,
                normalized: false,
                special: true,
            });
        }
    });
    return out;
}
/** BOS/EOS/UNK ids and pieces, as the trainer spec places them (SentencePiece's defaults). */
export function specialTokens(model) {
    const id = (k, d) => Number(model.trainerSpec[k] ?? d);
    const at = (k, d, name) => model.pieces[id(k, d)]?.piece ?? name;
    return {
        bos: at('bos_id', 1, '<s>'),
        bosId: id('bos_id', 1),
        eos: at('eos_id', 2, '</s>'),
        unk: at('unk_id', 0, '<unk>'),
    };
}
/** The full tokenizer.json text. Vocab and merges are spliced in so ids stay in order. */
export function tokenizerJson(model) {
    const { bos, bosId, unk } = specialTokens(model);
    const addDummy = model.normalizerSpec.add_dummy_prefix !== false;
    const normalizers = [];
    if (addDummy)
        normalizers.push({ type: 'Prepend', prepend: SPACE });
    normalizers.push({ type: 'Replace', pattern: { String: ' ' }, content: SPACE });
    const decoders = [
        { type: 'Replace', pattern: { String: SPACE }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
    ];
    if (addDummy)
        decoders.push({ type: 'Strip', content: ' ', start: 1, stop: 0 });
    const doc = {
        version: '1.0',
        truncation: null,
        padding: null,
        added_tokens: addedTokens(model),
        normalizer: { type: 'Sequence', normalizers },
        pre_tokenizer: null,
        post_processor: {
            type: 'TemplateProcessing',
            single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
            pair: [
                { SpecialToken: { id: bos, type_id: 0 } },
                { Sequence: { id: 'A', type_id: 0 } },
                { SpecialToken: { id: bos, type_id: 1 } },
                { Sequence: { id: 'B', type_id: 1 } },
            ],
            special_tokens: { [bos]: { id: bos, ids: [bosId], tokens: [bos] } },
        },
        decoder: { type: 'Sequence', decoders },
        model: {
            type: 'BPE',
            dropout: null,
            unk_token: unk,
            continuing_subword_prefix: null,
            end_of_word_suffix: null,
            fuse_unk: true,
            byte_fallback: model.trainerSpec.byte_fallback !== false,
            vocab: '@@VOCAB@@',
            merges: '@@MERGES@@',
        },
    };
    const text = JSON.stringify(doc, null, 2);
    const vocab = model.pieces.map((p, id) => `      ${JSON.stringify(p.piece)}: ${id}`).join(',\n');
    const merges = deriveMerges(model.pieces)
        .map(([l, r]) => `      ${JSON.stringify(`${l} ${r}`)}`)
        .join(',\n');
    return (text.replace('"@@VOCAB@@"', () => `{\n${vocab}\n    }`).replace('"@@MERGES@@"', () => `[\n${merges}\n    ]`) + '\n');
}
//# sourceMappingURL=tokenizer-json.js.map