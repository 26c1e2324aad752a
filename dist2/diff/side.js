// A diffable side from any tokenizer reference (path, bundled base or store version).
import { resolveTokenizer } from '../store/resolve.js';
import { loadTokenizer } from '../family/load.js';
import { diffVocab } from './diff.js';
import { efficiencyDiff } from './efficiency.js';
function side(label, modelType, model, merges) {
    return {
        label,
        modelType,
        pieces: model.pieces,
        paddingIds: model.paddingIds,
        merges,
        trainerSpec: model.trainerSpec,
        normalizerSpec: model.normalizerSpec,
    };
}
/** Resolves `ref` (see resolveTokenizer) to a diffable side. */
export function resolveSide(ref, dbFile) {
    const r = resolveTokenizer(ref, dbFile);
    if (r.kind === 'files') {
        const t = loadTokenizer(r.path);
        return side(ref, t.modelType, t.model, t.merges);
    }
    if (r.kind === 'stored')
        return side(r.version.label, r.version.modelType, r.version.model, r.version.merges);
    const b = r.base.asModel();
    return side(ref, 'BPE', b.model, b.merges);
}
/** `tokext diff`: what changed from A to B, and with corpora how their efficiency differs. */
export async function diffVersions(a, b, opts) {
    const sa = resolveSide(a, opts.db);
    const sb = resolveSide(b, opts.db);
    const corpora = opts.corpora ?? [];
    const efficiency = corpora.length > 0 ? await efficiencyDiff(sa, sb, corpora, opts) : undefined;
    return { a: sa, b: sb, diff: diffVocab(sa, sb), efficiency };
}
//# sourceMappingURL=side.js.map