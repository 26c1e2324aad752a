// The freeing stage of --replace / --trim-to: count the keep corpora, measure how much each base
// piece is used on them and on the training corpus, choose the pieces that go (leaf closure),
// and continue with the base without them.
import { countCorpora } from '../corpus/count.js';
import { chooseFreed } from '../plan/free.js';
import { usageOf } from '../plan/usage.js';
import { freeModeOf } from '../spec.js';
/** Counts each keep corpus on its own (its usage share is its own). */
async function countKeepCorpora(spec, job, run) {
    const sets = [];
    const pretokenizer = job.base.pretokenizer(spec.splitByScript);
    try {
        for (const path of spec.keepCorpora ?? []) {
            const r = await countCorpora(pretokenizer, {
                corpora: [{ path, weight: 1 }],
                textField: spec.textField,
                skipInvalid: spec.skipInvalid,
                balance: 1,
                tableBytes: job.memory.countTable,
                tmpDir: run.tmpDir,
                signal: run.signal,
                onNote: run.onNote,
            });
            sets.push(r.chunks);
        }
        return sets;
    }
    catch (e) {
        for (const s of sets)
            s.dispose();
        throw e;
    }
}
/** The base without the pieces a stage file records as freed, and what freeing did. */
export function refree(base, record) {
    const freed = base.freed(record.removed, record.mode === 'trim');
    const pieces = base.asModel().model.pieces.map((p) => p.piece);
    return {
        base: freed.base,
        freeing: { mode: record.mode, base: { name: base.name, size: base.size, pieces }, oldToNew: freed.oldToNew },
    };
}
/** What a stage file records of freeing: the mode and the removed old ids. */
export function freedRecord(f) {
    return { mode: f.mode, removed: [...f.oldToNew].flatMap((n, id) => (n < 0 ? [id] : [])) };
}
/** The job on the base without the pieces the spec frees, and what freeing did (undefined when
 * the spec frees nothing). */
export async function freeBaseIds(spec, job, count, run) {
    const mode = freeModeOf(spec);
    if (!mode)
        return { job };
    const base = job.base;
    const keep = await countKeepCorpora(spec, job, run);
    try {
        run.onProgress?.({ stage: 'free', current: 0, total: 1 });
        const usage = await usageOf(base.alphabet(spec), [count.chunks, ...keep], base.size, run.signal);
        const { model, merges } = base.asModel();
        const n = spec.replace ?? base.size - spec.trimTo;
        const removed = chooseFreed({ pieces: model.pieces, merges, byteLevel: base.byteLevel, ...usage }, n);
        run.onNote?.(`${mode === 'trim' ? 'trimmed' : 'freed'} ${n.toLocaleString('en-US')} base pieces (leaf pieces the corpora need least)`);
        const r = refree(base, { mode, removed });
        return { job: { ...job, base: r.base }, freeing: r.freeing };
    }
    finally {
        for (const s of keep)
            s.dispose();
    }
}
//# sourceMappingURL=free.js.map