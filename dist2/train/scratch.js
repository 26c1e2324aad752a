// From-scratch training: a standalone SentencePiece-compatible BPE model (Mistral's layout and
// pretokenization rules, byte_fallback) learned by the same trainer as the continued mode.
import { MISTRAL_NORMALIZER_SPEC, MISTRAL_TRAINER_SPEC } from '../base/sentencepiece.js';
import { PieceType, SPACE, bytePiece } from '../vocab/model.js';
import { DEFAULTS } from '../spec.js';
import { UsageError } from '../errors.js';
import { trainContinued } from './continued.js';
import { sentencePieceAlphabet } from './alphabet.js';
/** Specials and the 256 byte pieces, as in Mistral. */
export function emptyBpeModel(vocabSize, splitByScript) {
    const pieces = [
        { piece: '<unk>', score: 0, type: PieceType.UNKNOWN },
        { piece: '<s>', score: 0, type: PieceType.CONTROL },
        { piece: '</s>', score: 0, type: PieceType.CONTROL },
        ...Array.from({ length: 256 }, (_, b) => ({ piece: bytePiece(b), score: 0, type: PieceType.BYTE })),
    ];
    const trainerSpec = {
        ...MISTRAL_TRAINER_SPEC,
        input: [],
        model_prefix: 'tokext',
        vocab_size: vocabSize,
        num_threads: 2,
        character_coverage: DEFAULTS.characterCoverage,
        split_by_unicode_script: splitByScript,
    };
    return { pieces, trainerSpec, normalizerSpec: { ...MISTRAL_NORMALIZER_SPEC }, paddingIds: [] };
}
/** The base a standalone model grows from (and verify checks it against): its specials and byte pieces. */
export function standaloneBase(vocabSize, splitByScript) {
    return {
        name: 'none',
        source: 'from-scratch',
        model: emptyBpeModel(vocabSize, splitByScript),
        merges: [],
    };
}
/** Trains `vocabSize` entries from chunk counts. */
export async function trainFromScratch(chunks, vocabSize, opts) {
    const base = emptyBpeModel(vocabSize, opts.splitByScript ?? false);
    base.trainerSpec.character_coverage = opts.characterCoverage;
    const need = vocabSize - base.pieces.length;
    if (need < 1)
        throw new UsageError(`--vocab-size must be above ${base.pieces.length} (specials and byte pieces)`);
    const r = await trainContinued(sentencePieceAlphabet(base, { allowNonJapanese: true, maxPieceLength: opts.maxPieceLength }), chunks, { ...opts, maxPieces: need, seedChars: [SPACE] });
    if (r.pieces.length < need) {
        throw new UsageError(`the corpus supplied ${r.pieces.length} pieces but --vocab-size ${vocabSize} needs ${need}`, `lower --vocab-size to at most ${base.pieces.length + r.pieces.length}, add text, or lower --min-count`);
    }
    const model = {
        ...base,
        pieces: [...base.pieces, ...r.pieces.map((p, k) => ({ piece: p.piece, score: -k, type: PieceType.NORMAL }))],
    };
    const kinds = [...base.pieces.map(() => 'base'), ...r.pieces.map((p) => p.kind)];
    return {
        model,
        kinds,
        counts: [...base.pieces.map(() => null), ...r.pieces.map((p) => p.count)],
        reduction: r.reduction,
    };
}
//# sourceMappingURL=scratch.js.map