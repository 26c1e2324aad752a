// The self-contained HTML report: SVG bar charts (no script, no network) and the full table.
import { GENERATOR_META } from '../io/output.js';
import { RENYI_ALPHA } from './metrics.js';
import { SCRIPTS } from '../corpus/unicode.js';
export const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const COLORS = [
    '#4e79a7',
    '#f28e2b',
    '#e15759',
    '#76b7b2',
    '#59a14f',
    '#edc948',
    '#b07aa1',
    '#ff9da7',
    '#9c755f',
    '#bab0ac',
];
/** A horizontal bar chart; every bar carries its label and value as data attributes. */
function barChart(kind, title, bars, digits = 3) {
    const w = 720;
    const barH = 26;
    const left = 230;
    const h = 40 + bars.length * (barH + 8);
    const max = Math.max(1e-9, ...bars.map((b) => b.value));
    const body = bars
        .map((b, i) => {
        const y = 34 + i * (barH + 8);
        const len = Math.max(1, ((w - left - 80) * b.value) / max);
        return (`<g class="bar" data-label="${esc(b.label)}" data-value="${b.value}">` +
            `<text x="${left - 8}" y="${y + barH / 2 + 5}" text-anchor="end">${esc(b.label)}</text>` +
            `<rect x="${left}" y="${y}" width="${len.toFixed(1)}" height="${barH}" fill="${COLORS[i % COLORS.length]}"></rect>` +
            `<text x="${(left + len + 6).toFixed(1)}" y="${y + barH / 2 + 5}">${b.value.toFixed(digits)}</text></g>`);
    })
        .join('');
    return (`<figure><svg class="chart" data-kind="${kind}" data-title="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}">` +
        `<text x="8" y="20" class="title">${esc(title)}</text>${body}</svg></figure>`);
}
/** A table cell: numbers and text as they are, anything else (null) as a dash. */
const cell = (v) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '–');
/** Renders the report page. */
export function renderReport(r, generated) {
    const charts = r.corpora.map((c) => barChart('corpus', `${c.name}: characters per token (no BOS)`, r.rows.filter((x) => x.corpus === c.name).map((x) => ({ label: x.tokenizer, value: x.chars_per_token }))));
    const ext = r.tokenizers.filter((t) => t.new_pieces !== null);
    const extCharts = ext.flatMap((t) => [
        barChart('script', `${t.name}: new pieces by script`, Object.entries(t.new_by_script).map(([label, value]) => ({ label, value })), 0),
        barChart('length', `${t.name}: new pieces by length (code points)`, Object.entries(t.new_by_length)
            .sort((a, b) => Number(a[0]) - Number(b[0]))
            .map(([label, value]) => ({ label, value })), 0),
    ]);
    const cols = [
        ['tokenizer', 'tokenizer'],
        ['corpus', 'corpus'],
        ['chars_per_token', 'chars/token'],
        ['chars_per_token_with_bos', 'chars/token (+BOS)'],
        ['bytes_per_token', 'bytes/token'],
        ['tokens_per_line', 'tokens/line'],
        ['byte_fallback_rate', 'byte fallback'],
        ['unknown_rate', 'unk rate'],
        ['roundtrip_exact', 'round trip %'],
        ['vocab_utilisation', 'vocab used'],
        ['renyi_efficiency', `Rényi eff. (α ${RENYI_ALPHA})`],
        ['new_token_rate', 'new-piece tokens'],
        ['dead_new_pieces', 'dead new pieces'],
    ];
    const table = `<table><thead><tr>${cols.map(([, h]) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
        r.rows
            .map((row) => `<tr>${cols.map(([k]) => `<td data-key="${k}">${esc(cell(row[k]))}</td>`).join('')}</tr>`)
            .join('') +
        '</tbody></table>';
    const byScript = `<table class="by-script"><thead><tr><th>tokenizer</th><th>corpus</th>${SCRIPTS.map((n) => `<th>${esc(n)}</th>`).join('')}</tr></thead><tbody>` +
        r.rows
            .filter((row) => row.by_script)
            .map((row) => `<tr><td>${esc(row.tokenizer)}</td><td>${esc(row.corpus)}</td>${SCRIPTS.map((n) => {
            const f = row.by_script[n];
            return `<td data-script="${n}" data-chars="${f.chars}">${f.chars > 0 ? f.chars_per_token : '–'}</td>`;
        }).join('')}</tr>`)
            .join('') +
        '</tbody></table>';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${GENERATOR_META}<title>tokext eval report</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}figure{margin:1em 0}svg text{font-size:13px;fill:#222}svg .title{font-weight:bold}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,td:nth-child(2){text-align:left}</style>
</head><body>
<h1>tokext eval</h1>
<p>Characters are Unicode code points of each non-empty line; tokens are counted without BOS (and, in the "+BOS" column, with one BOS per line as Shisa's tables do). Generated ${esc(generated)}.</p>
<h2>Characters per token</h2>
${charts.join('\n')}
${ext.length ? `<h2>New pieces of extended tokenizers</h2>\n${extCharts.join('\n')}` : ''}
<h2>All figures</h2>
${table}
<h2>Characters per token by script</h2>
<p>Each character counts for its script (Han, Hiragana, Katakana — ー included —, Latin, digits; spaces and punctuation are other), and each token for the scripts of its bytes, in proportion.</p>
${byScript}
<script type="application/json" id="tokext-eval">${JSON.stringify(r.rows).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}
//# sourceMappingURL=report.js.map