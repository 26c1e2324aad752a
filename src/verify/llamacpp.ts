// verify's llama.cpp check: the directory's vocab-only GGUF (as `tokext gguf` writes it) loaded in
// llama.cpp, which encodes verify's texts; its ids must be the Rust binding's. Two runtime
// differences are known and reported as a note, not a failure: llama.cpp does not apply a
// tokenizer.json Unicode normaliser (Qwen's NFC: decomposed kana, compatibility ideographs), and
// with parse-special off it reads a special token's text as text, where tokenizers matches it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { steps } from '../gguf/of-tokenizer.js';
import { TokenType } from '../gguf/vocab.js';
import { ggufBytes } from '../gguf/writer.js';
import type { HfBpe } from '../hf/model.js';
import { Pacer, type RunControl } from '../progress.js';
import { ggufOfDir, type DirGguf } from './gguf-of-dir.js';
import { llamaCpp, type LlamaVocab } from './llamacpp-runtime.js';
import { same, type ReportBuilder, type VerifyOptions } from './report.js';

/** The name of the check in verify's report. */
export const LLAMA_CPP_CHECK = 'llama-cpp';

/** A known reason for llama.cpp's ids to differ from tokenizers': the text is not stable under the
 * tokenizer's Unicode normaliser, it holds a control token's text, or (a Unigram model) it needs
 * byte fallback, which llama.cpp's Unigram tokenizer does not have (it gives the unknown token),
 * or it is spaces alone (where that tokenizer leaves out the dummy prefix). */
export type KnownDifference = 'normaliser' | 'special-literal' | 'byte-fallback' | 'spaces-only';

/** What tells a known difference: the Unicode form the tokenizer.json normalises to, the control tokens' texts. */
export interface KnownRules {
  form?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD';
  specials: string[];
  /** A Unigram ("t5") vocabulary's byte pieces: tokenizers' ids holding one fell back to bytes. */
  bytes?: Set<number>;
}

/** llama.cpp's ids against tokenizers' on some texts. */
export interface LlamaCppComparison {
  compared: number;
  /** Texts that differ by a known difference, by kind. */
  known: Record<KnownDifference, number>;
  /** Texts that differ otherwise, each described. */
  other: string[];
}

/** The known-difference rules of a directory's GGUF: its tokenizer.json's normaliser, its control tokens. */
export function knownRulesOf(g: DirGguf): KnownRules {
  const forms = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const;
  const form = steps(g.data.tokenizerJson?.normalizer)
    .map((s) => s?.type)
    .find((t): t is KnownRules['form'] & string => forms.includes(t as (typeof forms)[number]));
  const specials = g.vocab.tokens.filter((t, id) => g.vocab.types[id] === TokenType.CONTROL && t.length > 0);
  if (g.vocab.model !== 't5') return { form, specials };
  const bytes = new Set(g.vocab.types.flatMap((t, id) => (t === TokenType.BYTE ? [id] : [])));
  return { form, specials, bytes };
}

/** Why `text` (`ids` in tokenizers) may encode otherwise in llama.cpp, if it may. */
export function knownDifference(
  text: string,
  rules: KnownRules,
  ids: readonly number[] = [],
): KnownDifference | undefined {
  if (rules.form && text.normalize(rules.form) !== text) return 'normaliser';
  if (rules.specials.some((s) => text.includes(s))) return 'special-literal';
  if (rules.bytes && ids.some((id) => rules.bytes!.has(id))) return 'byte-fallback';
  if (rules.bytes && /^ +$/.test(text)) return 'spaces-only';
  return undefined;
}

/** One differing text, for the report: its start, both lengths and where the ids first part. */
function describe(text: string, rust: readonly number[], llama: readonly number[]): string {
  let k = 0;
  while (k < rust.length && rust[k] === llama[k]) k++;
  return `${JSON.stringify(text.slice(0, 60))}: rust ${rust.length} ids, llama.cpp ${llama.length}; first difference at ${k}: rust ${rust[k] ?? '(end)'}, llama.cpp ${llama[k] ?? '(end)'}`;
}

/** Encodes `texts` with llama.cpp (no special-token parsing) and compares with tokenizers' `ids`. */
export async function compareWithLlamaCpp(
  vocab: LlamaVocab,
  texts: readonly string[],
  ids: readonly (readonly number[])[],
  rules: KnownRules,
  run: RunControl = {},
): Promise<LlamaCppComparison> {
  const out: LlamaCppComparison = {
    compared: texts.length,
    known: { normaliser: 0, 'special-literal': 0, 'byte-fallback': 0, 'spaces-only': 0 },
    other: [],
  };
  const pacer = new Pacer(run.signal);
  for (let i = 0; i < texts.length; i++) {
    if (i % 64 === 0) await pacer.pace();
    const got = Array.from(vocab.tokenize(texts[i]!, false));
    if (same(got, ids[i]!)) continue;
    const why = knownDifference(texts[i]!, rules, ids[i]);
    if (why) out.known[why]++;
    else out.other.push(describe(texts[i]!, ids[i]!, got));
  }
  return out;
}

/** `g` loaded vocab-only by `load` for the time of `use` (written to a temporary file, removed
 * after), or why llama.cpp cannot load it. */
async function withGguf<T>(
  g: DirGguf,
  load: (file: string) => Promise<LlamaVocab>,
  use: (v: LlamaVocab) => Promise<T>,
): Promise<{ result: T } | { loadError: string }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-llama-'));
  try {
    const file = path.join(tmp, 'vocab.gguf');
    fs.writeFileSync(file, ggufBytes(g.kvs));
    let vocab: LlamaVocab;
    try {
      vocab = await load(file);
    } catch (err) {
      return { loadError: (err as Error).message };
    }
    try {
      return { result: await use(vocab) };
    } finally {
      await vocab.dispose();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The report's words for the `n` texts that differ by known differences. */
function knownNote(c: LlamaCppComparison, n: number): string {
  const bytes = c.known['byte-fallback']
    ? `, ${c.known['byte-fallback']} falling back to bytes (llama.cpp's Unigram tokenizer gives the unknown token instead)`
    : '';
  const spaces = c.known['spaces-only']
    ? `, ${c.known['spaces-only']} of spaces alone (llama.cpp's Unigram tokenizer leaves out the dummy prefix)`
    : '';
  return `llama.cpp gives other ids than tokenizers (Rust) on ${n} texts, all by known runtime differences: ${c.known.normaliser} not stable under the tokenizer's Unicode normaliser (llama.cpp does not apply it), ${c.known['special-literal']} holding a special token's text (llama.cpp reads it as text with parse-special off)${bytes}${spaces}`;
}

/** The llama.cpp check of `dir` (its HF tokenizer.json as already `read`, if it has one) on verify's
 * `texts` and their Rust `ids` (none with `llamaCpp: false`); a note instead when node-llama-cpp is
 * not installed or the base's llama.cpp names are not known. */
export async function checkLlamaCpp(
  dir: string,
  e: { texts: readonly string[]; ids: readonly (readonly number[])[] },
  r: ReportBuilder,
  run: RunControl & Pick<VerifyOptions, 'llamaCpp'> = {},
  read?: HfBpe,
): Promise<void> {
  if (run.llamaCpp === false) return;
  const rt = await llamaCpp();
  if ('skipped' in rt) return r.note(`llama.cpp check skipped: ${rt.skipped}`);
  let g: DirGguf;
  try {
    g = ggufOfDir(dir, { defaultArchitecture: 'llama', read });
  } catch (err) {
    if (err instanceof UsageError) return r.note(`llama.cpp check skipped: ${err.message}`);
    if (!(err instanceof InputError)) throw err;
    return r.add(LLAMA_CPP_CHECK, [err.message], '', "failure: the directory's GGUF cannot be made");
  }
  const load = (modelPath: string) => rt.llama.loadModel({ modelPath, vocabOnly: true });
  const done = await withGguf(g, load, (v) => compareWithLlamaCpp(v, e.texts, e.ids, knownRulesOf(g), run));
  if ('loadError' in done)
    return r.add(
      LLAMA_CPP_CHECK,
      [done.loadError],
      '',
      `failure: llama.cpp (node-llama-cpp ${rt.version}) cannot load the directory's GGUF`,
    );
  const c = done.result;
  const known = Object.values(c.known).reduce((a, b) => a + b, 0);
  r.add(
    LLAMA_CPP_CHECK,
    c.other,
    `llama.cpp (node-llama-cpp ${rt.version}, the directory's vocab-only GGUF) gives the Rust ids on ${c.compared - known} of ${c.compared} texts${known > 0 ? `, the other ${known} differ by known runtime differences (see the note)` : ''}`,
    'texts where llama.cpp and tokenizers (Rust) disagree',
  );
  if (known > 0) r.note(knownNote(c, known));
}
