// The curve's self-contained HTML page: one SVG line chart (chars/token against added pieces, a
// line per corpus, log-scaled x, the knee marked), the table, and the numbers as JSON.
import { GENERATOR_META } from '../io/output.js';
import { COLORS, esc } from '../eval/report.js';
import { KNEE_SHARE, type CurveResult } from './curve.js';

/** The curve as an SVG line chart (the report's figure; the workbench's one-version view shows it too). */
export function curveChart(r: Pick<CurveResult, 'tokenizer' | 'points' | 'knees'>): string {
  const w = 900;
  const h = 460;
  const m = { left: 70, right: 240, top: 40, bottom: 56 };
  const pts = r.points.filter((p) => p.added > 0);
  const xs = pts.map((p) => Math.log10(p.added));
  const ys = r.points.map((p) => p.chars_per_token);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys) * 0.95, Math.max(...ys) * 1.02];
  const X = (added: number) => m.left + ((Math.log10(added) - x0) / Math.max(1e-9, x1 - x0)) * (w - m.left - m.right);
  const Y = (v: number) => h - m.bottom - ((v - y0) / Math.max(1e-9, y1 - y0)) * (h - m.top - m.bottom);
  const corpora = [...new Set(r.points.map((p) => p.corpus))];
  const ticks = [];
  for (let e = Math.ceil(x0); e <= Math.floor(x1); e++) ticks.push(10 ** e);
  const axes =
    `<line x1="${m.left}" y1="${h - m.bottom}" x2="${w - m.right}" y2="${h - m.bottom}" stroke="#888"/>` +
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${h - m.bottom}" stroke="#888"/>` +
    ticks
      .map(
        (t) =>
          `<text x="${X(t).toFixed(1)}" y="${h - m.bottom + 18}" text-anchor="middle">${t.toLocaleString('en-US')}</text>`,
      )
      .join('') +
    `<text x="${(m.left + w - m.right) / 2}" y="${h - 12}" text-anchor="middle">new pieces added (log scale)</text>` +
    `<text x="16" y="${(m.top + h - m.bottom) / 2}" transform="rotate(-90 16 ${(m.top + h - m.bottom) / 2})" text-anchor="middle">characters per token</text>`;
  const lines = corpora
    .map((c, i) => {
      const color = COLORS[i % COLORS.length]!;
      const mine = pts.filter((p) => p.corpus === c);
      const knee = r.knees.find((k) => k.corpus === c)!;
      const base = r.points.find((p) => p.corpus === c && p.added === 0);
      const path = mine
        .map((p, k) => `${k === 0 ? 'M' : 'L'}${X(p.added).toFixed(1)},${Y(p.chars_per_token).toFixed(1)}`)
        .join(' ');
      const dots = mine
        .map(
          (p) =>
            `<circle class="point" data-corpus="${esc(c)}" data-size="${p.size}" data-added="${p.added}" data-value="${p.chars_per_token}" cx="${X(p.added).toFixed(1)}" cy="${Y(p.chars_per_token).toFixed(1)}" r="3" fill="${color}"><title>${esc(c)}: ${p.added.toLocaleString('en-US')} added, ${p.chars_per_token}</title></circle>`,
        )
        .join('');
      const kp = mine.find((p) => p.size === knee.size);
      const kneeMark = kp
        ? `<circle class="knee" data-corpus="${esc(c)}" data-size="${knee.size}" data-added="${knee.added}" cx="${X(kp.added).toFixed(1)}" cy="${Y(kp.chars_per_token).toFixed(1)}" r="8" fill="none" stroke="${color}" stroke-width="2"/>`
        : '';
      const legendY = m.top + 20 + i * 40;
      return (
        `<g class="series" data-corpus="${esc(c)}"><path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}${kneeMark}` +
        `<text x="${w - m.right + 12}" y="${legendY}" fill="${color}">${esc(c)}</text>` +
        `<text x="${w - m.right + 12}" y="${legendY + 16}" class="small">knee ${knee.added.toLocaleString('en-US')} added${base ? `; base ${base.chars_per_token}` : ''}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart" data-kind="curve" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="characters per token against new pieces added">` +
    `<text x="${m.left}" y="22" class="title">${esc(r.tokenizer)}: characters per token against new pieces added</text>${axes}${lines}</svg>`
  );
}

/** Renders the curve page. */
export function renderCurveReport(r: CurveResult, generated: string): string {
  const table =
    `<table><thead><tr><th>corpus</th><th>size</th><th>added</th><th>chars/token</th><th>added parameters</th></tr></thead><tbody>` +
    r.points
      .map(
        (p) =>
          `<tr><td>${esc(p.corpus)}</td><td data-key="size">${p.size}</td><td data-key="added">${p.added}</td><td data-key="chars_per_token">${p.chars_per_token}</td><td data-key="added_parameters">${p.added_parameters}</td></tr>`,
      )
      .join('') +
    '</tbody></table>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${GENERATOR_META}<title>tokext curve: ${esc(r.tokenizer)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}svg text{font-size:13px;fill:#222}svg .title{font-weight:bold}svg .small{font-size:11px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}</style>
</head><body>
<h1>tokext curve</h1>
<p>Each size is the base (${r.baseSize.toLocaleString('en-US')} ids) plus the first new pieces of ${esc(r.tokenizer)} in id order: the tokenizer <code>tokext plan --target SIZE</code> gives from the same training.
Characters are Unicode code points of each non-empty line, tokens counted without special tokens. Added parameters: added rows × hidden size ${r.hiddenSize.toLocaleString('en-US')} × ${r.tied ? '1 (output tied to the input embeddings)' : '2 (input embeddings and output layer)'}.
The knee (circled) is the smallest size reaching ${Math.round(KNEE_SHARE * 100)}% of the gain at the full size. Generated ${esc(generated)}.</p>
<figure>${curveChart(r)}</figure>
<h2>All points</h2>
${table}
<script type="application/json" id="tokext-curve">${JSON.stringify(r.points).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}
