// What every verify run shares: the report, the texts it encodes, the artefact-hash and
// efficiency checks, and the way a check is recorded.
import fs from 'node:fs';
import path from 'node:path';
import { emptyStats, listCorpora, readCorpusFile, skippedNote } from '../corpus/read.js';
import { readJsonFile } from '../io/json.js';
import { DEFAULTS, type Policy } from '../spec.js';
import { codePointLength } from '../corpus/unicode.js';
import { sha256File } from '../io/atomic.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { readManifest, type Efficiency, type ManifestView } from '../io/manifest-format.js';
import type { RunControl } from '../progress.js';
import { MAX_TEXT_CHARS, PROBE_TEXTS, cutText, hasSpecialLiteral } from './texts.js';

/** One invariant's outcome. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  examples?: string[];
}

/** The verify report: ok only if every check passed. */
export interface VerifyReport {
  ok: boolean;
  checks: Check[];
  notes: string[];
  text: string;
  /** Chars per token (no BOS) on the corpus sample, when corpora were given. */
  efficiency?: Efficiency;
}

/** Options of verify. */
export interface VerifyOptions extends RunControl {
  corpora?: string[]; // extra text for parity, round trip and base preservation
  sample?: number; // lines per corpus file (0 = all), default 2000
  texts?: string[]; // extra texts (tests use the golden set)
  beforeManifest?: boolean; // the build verifies its staged output before writing manifest.json
  policy?: Policy; // default: the manifest's, else japanese-only
  textField?: string; // JSONL field or Parquet column of the corpora (default text)
  llamaCpp?: boolean; // compare with llama.cpp when node-llama-cpp is installed (default true; the build's own verify
  // passes false, so that its manifest does not depend on what is installed)
  keepCorpora?: string[]; // a build that freed base ids: what must keep encoding well (default: the manifest's)
  maxKeepLoss?: number; // and how much it may lose (default: the manifest's, else DEFAULTS.maxKeepLoss)
}

/** Lines verify samples from each corpus file by default. */
export const VERIFY_SAMPLE = 2000;

/** Equal id sequences. */
export const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** What to do about a broken directory. */
export const REBUILD = 'rebuild or re-export the directory';
/** A JSON file of a directory under check, as the shape `T` its caller checks field by field. */
export const readJson = <T>(file: string): Partial<T> | undefined =>
  readJsonFile(file, REBUILD) as Partial<T> | undefined;

/** Which texts (indexes) encode in more tokens than with the base, and how many in fewer. */
function againstBase(
  texts: readonly string[],
  ours: readonly number[],
  base: readonly number[],
): { longer: number[]; shorter: number } {
  const longer = texts.flatMap((_, i) => (ours[i]! > base[i]! ? [i] : []));
  return { longer, shorter: texts.filter((_, i) => ours[i]! < base[i]!).length };
}

/** A check: ok when `bad` is empty (its first examples are kept). */
function checkOf(name: string, bad: string[], okDetail: string, badDetail: string): Check {
  return {
    name,
    ok: bad.length === 0,
    detail: bad.length === 0 ? okDetail : `${bad.length} ${badDetail}`,
    examples: bad.slice(0, 5),
  };
}

/** n of total as a percentage with one decimal. */
const share = (n: number, total: number) => (total === 0 ? 0 : (100 * n) / total).toFixed(1);

/** A check's outcome as `ReportBuilder.add` takes it: its name, what is wrong, and the detail when
 * nothing is and when something is. */
export type Outcome = [name: string, bad: string[], okDetail: string, badDetail: string];

/** Collects checks and notes into a report. */
export class ReportBuilder {
  readonly checks: Check[] = [];
  readonly notes: string[] = [];
  private readonly later: Promise<void>[] = []; // checks whose outcome comes later (`addLater`)

  /** Records a check: ok when `bad` is empty (its first examples are kept). */
  add(...[name, bad, okDetail, badDetail]: Outcome): void {
    this.checks.push(checkOf(name, bad, okDetail, badDetail));
  }

  /** Records a check whose outcome comes later (its work runs on another thread beside the checks
   * after it): it keeps this place in the report, and `finish` waits for it. */
  addLater(name: string, outcome: Promise<Outcome>): void {
    const at = this.checks.length;
    this.checks.push({ name, ok: false, detail: 'not decided' });
    const settled = outcome.then((o) => {
      this.checks[at] = checkOf(...o);
    });
    settled.catch(() => undefined); // its failure is `finish`'s, not an unhandled rejection meanwhile
    this.later.push(settled);
  }

  /** The extension never gives a text more tokens than the base (each merge it adds only joins
   * tokens the base's encoding leaves); also reports the share of texts it shortens. */
  addNeverLonger(texts: readonly string[], ours: readonly number[], base: readonly number[]): void {
    const { longer, shorter } = againstBase(texts, ours, base);
    this.add(
      'never-longer',
      longer.map((i) => `${JSON.stringify(texts[i]!.slice(0, 60))}: ${ours[i]} tokens, the base ${base[i]}`),
      `no text encodes in more tokens than with the base; ${shorter} of ${texts.length} (${share(shorter, texts.length)}%) in fewer`,
      'texts encode in more tokens than with the base',
    );
  }

  /** How many texts encode in more and in fewer tokens than with the base, as a note: a Unigram
   * extension can lengthen a text (Viterbi maximises probability, not brevity), so it is measured,
   * not promised. */
  noteLonger(texts: readonly string[], ours: readonly number[], base: readonly number[]): void {
    const { longer, shorter } = againstBase(texts, ours, base);
    const n = texts.length;
    this.note(
      `longer than the base: ${longer.length} of ${n} texts (${share(longer.length, n)}%); shorter: ${shorter} (${share(shorter, n)}%)` +
        (longer.length > 0
          ? `; e.g. ${longer
              .slice(0, 3)
              .map((i) => JSON.stringify(texts[i]!.slice(0, 40)))
              .join(', ')}`
          : ''),
    );
  }

  note(n: string): void {
    this.notes.push(n);
  }

  /** The report, once every check added later has its outcome. */
  async finish(efficiency?: VerifyReport['efficiency']): Promise<VerifyReport> {
    await Promise.all(this.later);
    const ok = this.checks.every((c) => c.ok);
    const text = [
      ...this.checks.map(
        (c) =>
          `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}${c.examples && !c.ok ? `\n       e.g. ${c.examples.join('\n            ')}` : ''}`,
      ),
      ...this.notes.map((n) => `note ${n}`),
    ].join('\n');
    return { ok, checks: this.checks, notes: this.notes, text, efficiency };
  }
}

/** The first `sample` records of every corpus file (all with 0), each cut to MAX_TEXT_CHARS. */
export async function sampleCorpora(
  paths: string[],
  sample: number,
  textField: string,
  signal?: AbortSignal,
): Promise<{ texts: string[]; cut: number; skipped: number; skippedFiles?: string }> {
  const texts: string[] = [];
  let cut = 0;
  const stats = emptyStats();
  const listing = listCorpora(paths);
  for (const files of listing.sources) {
    for (const f of files) {
      await readCorpusFile(
        f,
        { textField, skipInvalid: true, signal, maxRecords: sample > 0 ? sample : undefined },
        stats,
        (t) => {
          const c = cutText(t);
          if (c.length < t.length) cut++;
          texts.push(c);
        },
      );
    }
  }
  return {
    texts,
    cut,
    skipped: Object.values(stats.skipped).reduce((a, b) => a + b, 0),
    skippedFiles: skippedNote(listing.skipped),
  };
}

/** The texts verify encodes: probes, extra texts and corpus samples, without special-token literals. */
export async function textsToCheck(
  opts: VerifyOptions,
  specials: readonly string[],
  r: ReportBuilder,
): Promise<{ texts: string[]; fromCorpus: boolean[]; sampled: number }> {
  const {
    texts: sampled,
    cut,
    skipped,
    skippedFiles,
  } = await sampleCorpora(
    opts.corpora ?? [],
    opts.sample ?? VERIFY_SAMPLE,
    opts.textField ?? DEFAULTS.textField,
    opts.signal,
  );
  if (skippedFiles) r.note(skippedFiles);
  if (skipped > 0)
    r.note(
      `${skipped} corpus lines were skipped: invalid UTF-8, NUL bytes, or records without the '${opts.textField ?? DEFAULTS.textField}' field (set textField / --text-field)`,
    );
  if (cut > 0)
    r.note(
      `${cut} corpus lines longer than ${MAX_TEXT_CHARS} characters were checked on their first ${MAX_TEXT_CHARS} characters`,
    );
  const pool = [...PROBE_TEXTS, ...(opts.texts ?? []).map((t) => cutText(t)), ...sampled];
  const keep = pool.map((t) => !hasSpecialLiteral(t, specials));
  const texts = pool.filter((_, i) => keep[i]);
  const fromCorpus = pool.map((_, i) => i >= pool.length - sampled.length).filter((_, i) => keep[i]);
  if (texts.length < pool.length)
    r.note(
      `${pool.length - texts.length} texts contain a special-token literal: HF runtimes match those as tokens (SentencePiece does not), so they are left out of parity and round-trip checks`,
    );
  return { texts, fromCorpus, sampled: sampled.length };
}

/** Chars per token of the corpus texts. */
export function efficiencyOf(
  texts: readonly string[],
  fromCorpus: readonly boolean[],
  ids: readonly number[][],
): VerifyReport['efficiency'] {
  let chars = 0;
  let tokens = 0;
  let n = 0;
  texts.forEach((t, i) => {
    if (!fromCorpus[i]) return;
    n++;
    chars += codePointLength(t);
    tokens += ids[i]!.length;
  });
  return { texts: n, chars, tokens, chars_per_token: tokens > 0 ? Number((chars / tokens).toFixed(4)) : 0 };
}

/** The manifest of `dir`, if it has one. */
export function manifestOf(dir: string): ManifestView | undefined {
  return readManifest(dir, REBUILD);
}

/** Files match the sha256 recorded in the manifest (or a note says they were not checked). */
export function checkArtefactHashes(
  dir: string,
  manifest: { artefacts?: Record<string, string> } | undefined,
  r: ReportBuilder,
  beforeManifest = false,
): void {
  if (!manifest) {
    if (!beforeManifest)
      r.note(`no ${MANIFEST_NAME}: artefact hashes, sizes and policy were not checked against a recorded build`);
    return;
  }
  if (!manifest.artefacts) {
    r.note(`${MANIFEST_NAME} records no artefact hashes: they were not checked`);
    return;
  }
  const bad = Object.entries(manifest.artefacts)
    .filter(([name, sum]) => !fs.existsSync(path.join(dir, name)) || sha256File(path.join(dir, name)) !== sum)
    .map(([name]) => name);
  r.add('artefact-hashes', bad, 'files match the sha256 in manifest.json', 'files differ from the manifest');
}
