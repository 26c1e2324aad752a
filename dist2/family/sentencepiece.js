// The SentencePiece BPE family (Mistral, Llama 2, a SentencePiece-form tokenizer.json): pieces
// with scores whose every split is a merge; extensions append pieces with falling scores and are
// written as tokenizer.model and tokenizer.json together.
import { deriveMerges, deriveMergesPaced } from '../bpe/derive.js';
import { pieceRule } from '../corpus/policy.js';
import { sentencePiecePretokenizer } from '../corpus/pretokenize.js';
import { freeSentencePiece } from '../base/free-sentencepiece.js';
import { newIds } from '../plan/choose.js';
import { assembleSentencePiece, planSentencePiece } from '../plan/sentencepiece.js';
import { loadSpmModel, spmRuntime } from '../spm/runtime.js';
import { sentencePieceAlphabet } from '../train/alphabet.js';
import { verifySentencePiece } from '../verify/spm.js';
import { writeArtefacts } from '../write/artefacts.js';
/** A SentencePiece BPE base. */
export class SentencePieceFamily {
    format = 'sentencepiece';
    byteLevel = false;
    name;
    source;
    model;
    merges;
    free;
    constructor(data) {
        this.name = data.name;
        this.source = data.source;
        this.model = data.model;
        if (data.merges)
            this.merges = data.merges;
        this.free = data.free ?? [];
    }
    get size() {
        return this.model.pieces.length;
    }
    asModel() {
        return { model: this.model, merges: this.merges ?? deriveMerges(this.model.pieces) };
    }
    pretokenizer(splitByScript) {
        return sentencePiecePretokenizer({
            addDummyPrefix: this.model.normalizerSpec.add_dummy_prefix !== false,
            splitByScript,
        });
    }
    alphabet(o) {
        return sentencePieceAlphabet(this.model, o);
    }
    async plan(pieces, spec, run = {}) {
        const p = await planSentencePiece(this.model, pieces, spec, run, this.free);
        const byText = new Map(pieces.map((t) => [t.piece, t]));
        const ids = newIds(this, spec.target - (this.size - this.free.length));
        const chosen = ids.map((id) => byText.get(p.model.pieces[id].piece));
        return this.planned(p, chosen);
    }
    async planRows(rows, spec, run = {}) {
        const a = await assembleSentencePiece(this.model, rows, spec, run, this.free);
        return { planned: this.planned(a.plan, rows.slice()), bad: a.unreachable };
    }
    rowRules() {
        return {
            size: this.size,
            ids: () => {
                const ids = new Map();
                this.model.pieces.forEach((p, id) => {
                    if (!ids.has(p.piece))
                        ids.set(p.piece, id);
                });
                return ids;
            },
            explicitMerges: false,
            admits: (t, _inBase, policy) => pieceRule(policy).text(t.piece),
        };
    }
    verify(dir, opts, freed) {
        return verifySentencePiece(dir, opts, this, freed);
    }
    runtime() {
        return spmRuntime(loadSpmModel(this.model));
    }
    freed(removed, compact) {
        const f = freeSentencePiece(this, removed, compact);
        return { base: new SentencePieceFamily(f.base), oldToNew: f.oldToNew };
    }
    storedFiles() {
        return undefined;
    }
    /** A plan of this base as a Planned: written as tokenizer.model + tokenizer.json + configs. */
    planned(p, chosen) {
        return {
            chosen,
            dropped: p.dropped,
            write: async (dir, run = {}) => {
                run.onProgress?.({ stage: 'write', current: 0, total: 1 });
                const artefacts = await writeArtefacts(dir, p.model, this, p.kinds, run);
                return {
                    artefacts,
                    vocab: {
                        format: 'sentencepiece',
                        pieces: p.model.pieces,
                        kinds: p.kinds,
                        counts: p.counts,
                        paddingIds: p.model.paddingIds,
                        merges: await deriveMergesPaced(p.model.pieces, run.signal),
                        dropped: p.dropped,
                        trainerSpec: p.model.trainerSpec,
                        normalizerSpec: p.model.normalizerSpec,
                    },
                };
            },
        };
    }
}
//# sourceMappingURL=sentencepiece.js.map