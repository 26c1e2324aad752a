/** Entries of the vocabulary by where they came from. */
function byKind(r) {
    const out = {};
    for (const k of r.vocab.kinds)
        out[k] = (out[k] ?? 0) + 1;
    return out;
}
/** The build's summary, as `tokext build --json` prints it. */
export function buildSummary(r) {
    const read = r.count.stats;
    return {
        ok: true,
        out: r.out,
        vocab_size: r.vocab.pieces.length - r.vocab.paddingIds.length,
        padded_size: r.vocab.pieces.length,
        by_kind: byKind(r),
        dropped: r.vocab.dropped.length,
        records: read.records,
        skipped_lines: read.skipped,
        distinct_chunks: r.count.chunks.distinct,
        reduction: r.train.reduction,
        memory_budget: r.memory.budget,
        timings_ms: r.timings,
        artefacts: r.artefacts,
        verify_ok: r.verify?.ok ?? null,
        version: r.recorded ?? null,
        notes: r.notes,
    };
}
/** The corpus line: records, chunks, and the bad lines skipped (when any were, or skipping was asked). */
function corpusLine(r, spec) {
    const read = r.count.stats;
    const skipped = Object.values(read.skipped).reduce((a, b) => a + b, 0);
    const kinds = Object.entries(read.skipped)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    const skip = skipped > 0 || spec.skipInvalid ? `, ${skipped} bad lines skipped (${kinds || 'none'})` : '';
    return `  corpus: ${read.records} records, ${r.count.chunks.distinct} distinct chunks${skip}`;
}
/** The build's report as text; `db` is the store it was recorded in. */
export function buildText(r, spec, db) {
    const s = buildSummary(r);
    const lines = [
        `wrote ${r.out}: ${s.vocab_size} entries + ${r.vocab.paddingIds.length} padding = ${s.padded_size}`,
        `  pieces: ${Object.entries(s.by_kind)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        corpusLine(r, spec),
        `  time: ${Object.entries(r.timings)
            .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
            .join(', ')}`,
    ];
    const red = r.train.reduction;
    if (red.dropped_chunks > 0)
        lines.push(`  reduced to fit the memory budget: ${red.dropped_chunks} chunks (${(100 * red.dropped_char_share).toFixed(2)}% of the characters) left out`);
    if (r.recorded)
        lines.push(`  recorded as version ${r.recorded.label} (id ${r.recorded.id}) in ${db}`);
    if (r.verify)
        lines.push(r.verify.text
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n'));
    return lines.join('\n');
}
//# sourceMappingURL=build-text.js.map