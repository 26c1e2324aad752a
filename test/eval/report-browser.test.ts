import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPORA, HAS_SHARED, MISTRAL, ROOT, SHARED, tmpDir } from '../helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM)
  console.warn(
    'SKIPPING the browser test of the HTML report: chromium not installed (apt-get install chromium; .ci/run does)',
  );

function chromium(dir: string, ...args: string[]) {
  return spawnSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 },
  );
}

describe.skipIf(!HAS_SHARED || !CHROMIUM)('eval --report in headless Chromium', () => {
  it('renders, has one chart per corpus, and shows the --json numbers', () => {
    const dir = tmpDir();
    const report = path.join(dir, 'report.html');
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'tokext.js'),
        'eval',
        '--tokenizer',
        MISTRAL,
        '--tokenizer',
        path.join(SHARED, 'tokenizers', 'llm-jp-tokenizer', 'llm-jp-tokenizer-100k.ver3.1.model'),
        '--corpus',
        path.join(CORPORA, 'ja-eval-jglue'),
        '--corpus',
        path.join(CORPORA, 'en-tinyshakespeare'),
        '--report',
        report,
        '--json',
        '--progress',
        'none',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      tokenizer: string;
      corpus: string;
      chars_per_token: number;
      chars_per_token_with_bos: number;
      bytes_per_token: number;
    }[];
    expect(rows.length).toBe(4);
    const dom = chromium(dir, '--dump-dom', `file://${report}`);
    expect(dom.status, dom.stderr).toBe(0);
    const charts = [
      ...dom.stdout.matchAll(/<svg[^>]*class="chart"[^>]*data-kind="corpus"[^>]*data-title="([^"]*)"/g),
    ].map((m) => m[1]);
    expect(charts.length).toBe(2);
    for (const corpus of ['ja-eval-jglue', 'en-tinyshakespeare'])
      expect(charts.some((t) => t!.startsWith(corpus))).toBe(true);
    const bars = [...dom.stdout.matchAll(/<g class="bar" data-label="([^"]*)" data-value="([^"]*)"/g)].map((m) => ({
      label: m[1],
      value: Number(m[2]),
    }));
    for (const row of rows) {
      expect(bars).toContainEqual({ label: row.tokenizer, value: row.chars_per_token });
      expect(dom.stdout).toContain(`<td data-key="chars_per_token_with_bos">${row.chars_per_token_with_bos}</td>`);
      expect(dom.stdout).toContain(`<td data-key="bytes_per_token">${row.bytes_per_token}</td>`);
    }
    const hanCells = [...dom.stdout.matchAll(/<td data-script="Han" data-chars="(\d+)">([^<]*)<\/td>/g)];
    expect(hanCells.length).toBe(4); // one per tokenizer and corpus
    const rowsWithScripts = rows as unknown as { by_script: { Han: { chars: number; chars_per_token: number } } }[];
    for (const row of rowsWithScripts)
      expect(hanCells.map((m) => m[2])).toContain(
        row.by_script.Han.chars > 0 ? String(row.by_script.Han.chars_per_token) : '–',
      );
    const png = path.join(dir, 'shot.png');
    const shot = chromium(dir, `--screenshot=${png}`, '--window-size=1000,1400', `file://${report}`);
    expect(shot.status, shot.stderr).toBe(0);
    expect(fs.statSync(png).size).toBeGreaterThan(10_000);
  });
});
