// Leaf-frequency pruning: from more trained pieces than the target needs, keep the ones the
// training text uses. A leaf is a new merge no other kept new merge is made from; the least used
// leaf goes first, its uses returned to its two parts (where it occurred, they now stand), which
// may make a part a leaf in turn. New characters are never pruned (without them text falls back
// to bytes). Kept pieces stay in training order, so encoding order is unchanged.
import { PairHeap } from '../train/heap.js';
/** Keeps `keep` of `trained` (in training order): the first `keep` if no piece has `uses` or
 * there is nothing to prune, else by leaf-frequency pruning. */
export function pruneToSize(trained, keep) {
    if (trained.length <= keep)
        return { kept: trained.slice(), pruned: [] };
    if (trained.some((t) => t.uses === undefined))
        return { kept: trained.slice(0, keep), pruned: trained.slice(keep) };
    const index = new Map();
    trained.forEach((t, k) => index.set(t.piece, k));
    const uses = Float64Array.from(trained, (t) => t.uses);
    const parents = new Int32Array(trained.length); // kept new merges made from piece k
    const parts = trained.map((t) => (t.merge ?? []).map((p) => index.get(p) ?? -1).filter((k) => k >= 0));
    for (const ps of parts)
        for (const k of ps)
            parents[k]++;
    const heap = new PairHeap((k) => -k); // among equal uses, the later-trained piece goes first
    const prunable = (k) => trained[k].kind === 'new-merge' && parents[k] === 0;
    for (let k = 0; k < trained.length; k++)
        if (prunable(k))
            heap.push(-uses[k], k);
    const gone = new Uint8Array(trained.length);
    const pruned = [];
    let left = trained.length;
    while (left > keep && heap.size > 0) {
        const [negUses, k] = heap.pop();
        if (gone[k] || -negUses !== uses[k])
            continue; // stale: its uses grew since it was pushed
        gone[k] = 1;
        left--;
        pruned.push(trained[k]);
        for (const p of parts[k]) {
            uses[p] = uses[p] + uses[k];
            parents[p]--;
            if (prunable(p) && !gone[p])
                heap.push(-uses[p], p);
        }
    }
    const kept = trained.filter((_, k) => !gone[k]);
    return { kept: kept.slice(0, keep), pruned: [...pruned, ...kept.slice(keep)] };
}
//# sourceMappingURL=prune.js.map