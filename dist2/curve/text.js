/** curve's result as lines of text. */
export function renderCurveText(r) {
    const corpora = [...new Set(r.points.map((p) => p.corpus))];
    const knee = (c, size) => (r.knees.some((k) => k.corpus === c && k.size === size) ? ' *' : '  ');
    const head = [
        'size'.padStart(8),
        'added'.padStart(8),
        'added params'.padStart(14),
        ...corpora.map((c) => c.padStart(20)),
    ];
    const rows = [...new Set(r.points.map((p) => p.size))].map((size) => {
        const row = r.points.filter((p) => p.size === size);
        const first = row[0];
        const cells = corpora.map((c) => (row.find((p) => p.corpus === c).chars_per_token.toFixed(3) + knee(c, size)).padStart(20));
        return [
            String(size).padStart(8),
            String(first.added).padStart(8),
            (first.added_parameters / 1e6).toFixed(1).padStart(12) + ' M',
            ...cells,
        ].join('  ');
    });
    return [
        `${r.tokenizer}: base ${r.baseSize} ids, built ${r.target}; added parameters at hidden size ${r.hiddenSize}, ${r.tied ? 'tied' : 'untied'} output`,
        head.join('  '),
        ...rows,
        `* knee: the smallest size reaching 95% of the gain at ${r.target}`,
    ];
}
//# sourceMappingURL=text.js.map