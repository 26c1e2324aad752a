import { DTYPE_BYTES, readRow, writeRow } from './dtype.js';
import { rescaleToScript, scriptNorms } from './norm-mean.js';
import { readTensor } from './safetensors.js';
/** The rules, for the CLI's choices and the option check. */
export const INIT_RULES = ['mean', 'hewitt', 'norm-mean'];
/** Deterministic standard normal numbers (mulberry32 + Box–Muller). */
function gaussian(seed) {
    let a = seed >>> 0;
    const u = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
/** How padding rows of tensor `name` are filled: the output layer's (and a tied matrix, which is
 * the output layer too) with the mean of the base rows, so a padding token's logit is an average
 * token's rather than 0, which can outrank real tokens where most logits are negative (as
 * transformers' mean_resizing); input embeddings with zeros (a padding token is never produced). */
export function paddingRule(name, headName, tied) {
    return name === headName || tied ? 'mean' : 'zero';
}
/** Per-column mean and standard deviation of the rows `rows` of a raw matrix. */
async function baseStats(base, dtype, rows, cols, name, run) {
    const row = new Float32Array(cols);
    const s1 = new Float64Array(cols);
    const s2 = new Float64Array(cols);
    for (const [i, r] of rows.entries()) {
        readRow(base, dtype, r, cols, row);
        for (let c = 0; c < cols; c++) {
            const x = row[c];
            s1[c] = s1[c] + x;
            s2[c] = s2[c] + x * x;
        }
        if (run.pacer.due()) {
            run.o.onProgress?.({ stage: `stats ${name}`, current: i + 1, total: rows.length });
            await run.pacer.pace();
        }
    }
    const mean = new Float32Array(cols);
    const std = new Float32Array(cols);
    for (let c = 0; c < cols; c++) {
        mean[c] = s1[c] / rows.length;
        std[c] = Math.sqrt(Math.max(0, s2[c] / rows.length - mean[c] * mean[c]));
    }
    return { mean, std };
}
/** The mean of base rows `from` (float32 sums, as the model would compute them) into `acc`. */
function meanOfRows(base, dtype, from, cols, acc, row) {
    acc.fill(0);
    for (const f of from) {
        readRow(base, dtype, f, cols, row);
        for (let c = 0; c < cols; c++)
            acc[c] = Math.fround(acc[c] + row[c]);
    }
    for (let c = 0; c < cols; c++)
        acc[c] = Math.fround(acc[c] / from.length);
}
/** The statistics a tensor's fill needs: the base mean and spread (padding, hewitt, rows without a
 * decomposition), the median norms by script (norm-mean). */
async function prepareFill(base, t, name, run, padding) {
    const { plan, o } = run;
    const cols = t.shape[1];
    const padMean = padding === 'mean';
    const needStats = padMean || o.rule === 'hewitt' || plan.init.some((r) => r?.init === 'mean' && r.from.length === 0);
    const stats = needStats ? await baseStats(base, t.dtype, plan.baseRows, cols, name, run) : undefined;
    const scripts = run.scripts;
    const norms = scripts
        ? await scriptNorms(base, t.dtype, cols, plan.baseRows, scripts.base, () => run.pacer.pace())
        : undefined;
    const [acc, row] = [new Float32Array(cols), new Float32Array(cols)];
    const fill = { base, dtype: t.dtype, cols, padMean, stats, norms, noise: gaussian(o.seed), acc, row };
    return fill;
}
/** Writes output row `n` (not a kept one) at `at` of `buf`: padding, a hewitt draw or the decomposition's mean. */
function fillRow(f, plan, n, o, run, buf, at) {
    const r = plan.init[n];
    if (!r || r.init === 'zero') {
        // padding, or beyond the init file
        if (f.padMean)
            writeRow(f.stats.mean, f.dtype, buf, at);
        return;
    }
    const { acc, cols, stats } = f;
    if (o.rule === 'hewitt' || r.from.length === 0) {
        // Hewitt (2021): a draw from the base rows' distribution (diagonal covariance), decompositions aside
        const scale = Math.sqrt(o.noiseScale);
        for (let c = 0; c < cols; c++)
            acc[c] = stats.mean[c] + stats.std[c] * scale * f.noise();
    }
    else {
        meanOfRows(f.base, f.dtype, r.from, cols, acc, f.row);
        if (f.norms)
            rescaleToScript(acc, f.norms, run.scripts.ofPiece(r.piece));
    }
    writeRow(acc, f.dtype, buf, at);
}
/** Writes the resized matrix for one tensor: the leading base rows in one piece, then every other row in chunks
 * (a kept row copied bit for bit from its old place, the others initialised). */
export async function writeResized(out, h, name, t, run, padding) {
    const { plan, o, pacer } = run;
    const cols = t.shape[1];
    const w = DTYPE_BYTES[t.dtype];
    const base = await readTensor(h, name, pacer, (current, total) => o.onProgress?.({ stage: `read ${name}`, current, total }));
    await out.write(base, plan.prefix * cols * w); // base rows bit for bit
    const fill = await prepareFill(base, t, name, run, padding);
    const rowBytes = cols * w;
    const chunkRows = Math.max(1, Math.min(1024, Math.floor((1 << 22) / rowBytes)));
    const buf = Buffer.alloc(chunkRows * rowBytes);
    for (let start = plan.prefix; start < plan.rows; start += chunkRows) {
        const n = Math.min(chunkRows, plan.rows - start);
        buf.fill(0, 0, n * rowBytes);
        for (let k = 0; k < n; k++) {
            const old = plan.keep[start + k];
            if (old >= 0)
                base.copy(buf, k * rowBytes, old * rowBytes, (old + 1) * rowBytes);
            else
                fillRow(fill, plan, start + k, o, run, buf, k * rowBytes);
            if ((k & 63) === 63)
                await pacer.pace();
        }
        await out.write(buf, n * rowBytes);
        o.onProgress?.({ stage: `rows ${name}`, current: start + n - plan.prefix, total: plan.rows - plan.prefix });
    }
}
//# sourceMappingURL=fill-rows.js.map