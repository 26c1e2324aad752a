import { addScripts } from './free.js';
/** By id, the largest share of any corpus's tokens the piece takes (the base encoding each
 * corpus's chunks), and the scripts the corpora show. */
export async function usageOf(alphabet, corpora, size, signal) {
    const share = new Float64Array(size);
    const scripts = new Set();
    const seen = new Uint8Array(0x110000);
    for (const chunks of corpora) {
        const uses = new Float64Array(size);
        let total = 0;
        await chunks.forEach((chunk, count) => {
            for (const id of alphabet.encode(chunk)) {
                if (id < size)
                    uses[id] = uses[id] + count;
                total += count;
            }
            for (let i = 0; i < chunk.length; i++) {
                const cp = chunk.codePointAt(i);
                if (cp > 0xffff)
                    i++;
                if (seen[cp] === 0) {
                    seen[cp] = 1;
                    addScripts(String.fromCodePoint(cp), scripts);
                }
            }
        }, signal);
        if (total > 0)
            for (let id = 0; id < size; id++)
                share[id] = Math.max(share[id], uses[id] / total);
    }
    return { share, scripts };
}
//# sourceMappingURL=usage.js.map