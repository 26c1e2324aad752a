// The workbench page in a real browser (Debian's Chromium driven by playwright-core): each view
// opens, the counts on the page are the library's for Japanese and English text, a shared URL
// reproduces a view, the diff counts are `tokext diff --json`'s, and the page works by keyboard.
// A screenshot of each view is kept as test output (test-output/serve/).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvalTokenizer } from '../../src/eval/engine.js';
import { importTokenizer } from '../../src/store/record.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { cli, ROOT, SAMPLE, sampleBuild, tmpDir } from '../helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM)
  console.warn('SKIPPING the workbench browser tests: chromium not installed (apt-get install chromium; .ci/run does)');

const SHOTS = path.join(ROOT, 'test-output', 'serve');
const JA = '吾輩は猫である。名前はまだ無い。';
const EN = 'To be, or not to be, that is the question.';

describe.skipIf(!CHROMIUM)('tokext serve in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let db: string;
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const open = async (p: string) => {
    await page.goto(new URL(p, server.url).href);
    await page.waitForSelector('main:not([aria-busy])');
  };

  beforeAll(async () => {
    dir = sampleBuild();
    db = path.join(tmpDir(), 'tokext.db');
    importTokenizer(db, dir, 'demo');
    server = await startServer({ db, dirs: [dir], corpora: [path.join(SAMPLE, 'sample.txt')], port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('versions: one row per version, each linking to its view', async () => {
    await open('/versions');
    const rows = page.locator('[data-testid=versions] tbody tr');
    expect(await rows.count()).toBe(6); // demo, the directory, four bundled bases
    expect(await rows.first().locator('td').first().innerText()).toBe('demo');
    await shot('versions');
    await rows.first().locator('a').click();
    await page.waitForSelector('[data-testid=pieces-total]');
    expect(new URL(page.url()).pathname).toBe('/version');
    expect(await page.locator('[data-testid=pieces-total]').innerText()).toBe('100 pieces');
    await shot('version');
  });

  it("compare: the counts on the page are the library's, and the URL reproduces the view", async () => {
    const base = await openEvalTokenizer('mistral-7b-v0.1', db);
    const ext = await openEvalTokenizer(dir, db);
    for (const text of [JA, EN]) {
      const url = `/compare?a=mistral-7b-v0.1&b=demo&text=${encodeURIComponent(text)}`;
      await open(url);
      const [ia] = await base.encodeBatch([text]);
      const [ib] = await ext.encodeBatch([text]);
      expect(await page.getByTestId('count-a').innerText()).toBe(String(ia!.length));
      expect(await page.getByTestId('count-b').innerText()).toBe(String(ib!.length));
      expect(await page.locator('[data-testid=tokens-b] .tok').count()).toBe(ib!.length);
      // a fresh page on the same URL shows the same view
      const other = await browser.newPage();
      await other.goto(new URL(url, server.url).href);
      await other.waitForSelector('[data-testid=count-b]');
      expect(await other.getByTestId('count-b').innerText()).toBe(String(ib!.length));
      expect(await other.getByTestId('text').inputValue()).toBe(text);
      await other.close();
    }
    const title = await page.locator('[data-testid=tokens-a] .tok').first().getAttribute('title');
    expect(title).toMatch(/^\d+ · /); // id and piece on hover
    await shot('compare');
  });

  it('compare by keyboard: pick B, type, submit with Enter on the button', async () => {
    await open('/compare');
    await page.getByTestId('pick-a').focus();
    await page.getByTestId('pick-a').selectOption('mistral-7b-v0.1');
    await page.keyboard.press('Tab');
    await page.getByTestId('pick-b').selectOption('demo');
    await page.keyboard.press('Tab'); // the corpus line picker
    await page.keyboard.press('Tab');
    await page.keyboard.type(JA);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=count-b]');
    const url = new URL(page.url());
    expect([url.searchParams.get('a'), url.searchParams.get('b'), url.searchParams.get('text')]).toEqual([
      'mistral-7b-v0.1',
      'demo',
      JA,
    ]);
    const ext = await openEvalTokenizer(dir, db);
    const [ib] = await ext.encodeBatch([JA]);
    expect(await page.getByTestId('count-b').innerText()).toBe(String(ib!.length));
  });

  it('compare a line picked from a corpus given to serve', async () => {
    await open('/compare?a=mistral-7b-v0.1&b=demo');
    await page.getByTestId('pick-line').selectOption({ index: 3 }); // the third line (index 0 is "—")
    const text = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n')[2]!;
    expect(await page.getByTestId('text').inputValue()).toBe(text);
    await page.getByTestId('compare').click();
    await page.waitForSelector('[data-testid=count-b]');
    const [ib] = await (await openEvalTokenizer(dir, db)).encodeBatch([text]);
    expect(await page.getByTestId('count-b').innerText()).toBe(String(ib!.length));
  });

  it('version: the size curve tokext curve kept, drawn with its measured values', async () => {
    const c = await cli(['curve', 'demo', '--db', db, '--corpus', SAMPLE, '--points', '5', '--json']);
    expect(c.status, c.stderr).toBe(0);
    const points = JSON.parse(c.stdout) as { size: number; added: number; chars_per_token: number }[];
    await open('/version?ref=demo');
    const dots = page.locator('[data-testid=curve] svg circle.point');
    const shown = await dots.evaluateAll((es) => es.map((e) => [Number(e.dataset.size), Number(e.dataset.value)]));
    expect(shown).toEqual(points.filter((p) => p.added > 0).map((p) => [p.size, p.chars_per_token]));
    expect(await page.getByTestId('curve-corpus').innerText()).toMatch(/^sample: 6 sizes, knee at /);
    await page.locator('[data-testid=curve]').scrollIntoViewIfNeeded();
    await shot('version-curve');
  });

  it("diff: the counts are tokext diff --json's", async () => {
    await open(`/diff?a=mistral-7b-v0.1&b=demo`);
    const c = await cli(['diff', 'mistral-7b-v0.1', 'demo', '--json', '--db', db]);
    expect(c.status).toBe(0);
    const want = JSON.parse(c.stdout) as Record<string, unknown[]>;
    for (const k of ['added', 'added_padding', 'removed', 'replaced', 'renumbered', 'changed'])
      expect([k, await page.getByTestId(`diff-${k}`).innerText()]).toEqual([
        k,
        want[k]!.length.toLocaleString('en-US'),
      ]);
    await shot('diff');
  });
});
