// verify for an HF BPE extension (Llama 3, Qwen3, Gemma 3, …): the base carried over unchanged,
// exact sizes and padding, every new token reachable from its own bytes, the Japanese-only
// policy, the Rust and JS runtimes agreeing, round trips, text without Japanese encoded as the
// base encodes it, padding never produced, embedding-init rows that rebuild their token's bytes.
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { DEFAULTS } from '../options.js';
import { tokenToBytes } from '../hf/bytelevel.js';
import { encoderOf, readHfBpe, type HfBpe } from '../hf/model.js';
import { InputError } from '../errors.js';
import { containsJapanese } from '../corpus/unicode.js';
import { japaneseBytes } from '../train/alphabet.js';
import { reachable } from '../vocab/hf-plan.js';
import { loadBase, type HfBase } from '../vocab/base.js';
import { byteOfPiece, bytePiece } from '../vocab/model.js';
import { Pacer } from '../progress.js';
import { loadJsonRuntimes, rustEncodeAll } from './runtimes.js';
import { ReportBuilder, REBUILD, checkArtefactHashes, efficiencyOf, manifestOf, readJson, same, textsToCheck, type VerifyOptions, type VerifyReport } from './report.js';

/** Everything but the vocabulary, the merges and the added tokens, as data. */
const carried = (json: Record<string, unknown>) => {
  const { added_tokens: _a, model, ...rest } = json as { added_tokens: unknown; model: Record<string, unknown> };
  const { vocab: _v, merges: _m, ...flags } = model;
  return JSON.stringify({ ...rest, model: flags });
};

/** The bytes a token stands for (byte-level characters, or <0xXX> fallback tokens, or text). */
function tokenBytes(hf: HfBpe, text: string): Buffer {
  if (hf.byteLevel) return tokenToBytes(text) ?? Buffer.alloc(0);
  const b = byteOfPiece(text);
  return b !== undefined ? Buffer.from([b]) : Buffer.from(text, 'utf8');
}

/** The base-side checks: carried over, sizes, reachability, policy, embedding-init. */
function structureChecks(dir: string, ext: HfBpe, base: HfBase, manifest: any, r: ReportBuilder, paddingIds: number[], policy: string): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const b = base.hf;
  const size = b.size;
  const baseBad: string[] = [];
  const addedAt = new Map(b.json.added_tokens.map((t) => [t.id, t.content]));
  for (let id = 0; id < size; id++) {
    const want = b.vocab[id] || addedAt.get(id) || '';
    if (ext.vocab[id] !== want && !(b.vocab[id] === '' && ext.vocab[id] === '')) baseBad.push(`id ${id}: ${JSON.stringify(want)} -> ${JSON.stringify(ext.vocab[id])}`);
  }
  b.json.added_tokens.forEach((t, k) => { if (JSON.stringify(ext.json.added_tokens[k]) !== JSON.stringify(t)) baseBad.push(`added token ${t.id} ${JSON.stringify(t.content)} changed`); });
  if (carried(ext.json) !== carried(b.json)) baseBad.push('normalizer, pre-tokenizer, post-processor, decoder or model flags differ from the base');
  r.add('base-preserved', baseBad, `ids 0..${size - 1}, the ${b.json.added_tokens.length} added tokens and the pipeline are the base's`, 'base changes');
  let k = 0;
  while (k < b.merges.length && ext.merges[k]?.[0] === b.merges[k]![0] && ext.merges[k]?.[1] === b.merges[k]![1]) k++;
  r.add('base-merges-order', k === b.merges.length ? [] : [`first differing base merge #${k}: ${b.merges[k]!.join(' ')}`], `all ${b.merges.length} base merges first, in order`, 'base merge order broken');

  const target: number = manifest?.spec?.target ?? paddingIds[0] ?? ext.size;
  const padTo: number = manifest?.spec?.padTo ?? ext.size;
  const prefix: string = manifest?.spec?.padPrefix ?? DEFAULTS.padPrefix;
  const sizeBad: string[] = [];
  if (ext.size !== padTo) sizeBad.push(`${ext.size} ids, expected ${padTo}`);
  paddingIds.forEach((id, i) => {
    if (id !== target + i) sizeBad.push(`padding id ${id} expected ${target + i}`);
    const t = ext.json.added_tokens.find((a) => a.id === id)!;
    if (t.content !== `${prefix}${i}|>` || !t.special) sizeBad.push(`id ${id} is ${JSON.stringify(t.content)}${t.special ? '' : ', not special'}`);
  });
  if (paddingIds.length !== padTo - target) sizeBad.push(`${paddingIds.length} padding tokens, expected ${padTo - target}`);
  for (let id = size; id < target; id++) if (ext.vocab[id] === '') sizeBad.push(`id ${id} is not a token`);
  r.add('sizes', sizeBad, `${target} ids (base ${size} + ${target - size} new) + ${padTo - target} padding = ${padTo}`, 'size problems');

  const enc = encoderOf(ext);
  const unreachable: string[] = [];
  for (let id = size; id < target; id++) if (!reachable(enc, id)) unreachable.push(`${id} ${JSON.stringify(ext.vocab[id])}`);
  r.add('reachable', unreachable, 'every new token encodes from its own bytes to itself', 'unreachable new tokens');

  if (policy === 'japanese-only') {
    const japanese = japaneseBytes();
    const made = new Map(ext.merges.slice(b.merges.length).map(([l, rr]) => [l + rr, [l, rr] as const]));
    const polBad: string[] = [];
    for (let id = size; id < target; id++) {
      const t = ext.vocab[id]!;
      const m = made.get(t);
      const fromNew = m && (enc.ids.get(m[0])! >= size || enc.ids.get(m[1])! >= size);
      const ok = ext.byteLevel ? fromNew || japanese(tokenBytes(ext, t)) : containsJapanese(t);
      if (!ok) polBad.push(`${id} ${JSON.stringify(t)}`);
    }
    r.add('policy-japanese-only', polBad, 'every new token occurs only inside Japanese text', 'new tokens that can occur outside Japanese text');
  }

  const init = readJson(path.join(dir, 'embedding-init.json'));
  if (!Array.isArray(init?.rows)) throw new InputError('not an embedding-init.json (no rows)', path.join(dir, 'embedding-init.json'), undefined, REBUILD);
  const initBad: string[] = [];
  const rows = init.rows as { id: number; piece: string; init: string; from: number[] }[];
  if (rows.length !== ext.size - size) initBad.push(`${rows.length} rows for ${ext.size - size} new ids`);
  if (init.base?.vocab_size !== size) initBad.push(`base.vocab_size ${init.base?.vocab_size}, expected ${size}`);
  const pad = new Set(paddingIds);
  const specials = new Set(b.json.added_tokens.filter((t) => t.special).map((t) => t.id));
  rows.forEach((row, i) => {
    const id = size + i;
    if (row.id !== id) initBad.push(`row ${i} is for id ${row.id}`);
    else if (pad.has(id)) { if (row.init !== 'zero' || row.from.length !== 0) initBad.push(`padding ${id} must be zero-init`); }
    else if (row.from.length === 0 || row.from.some((f) => f < 0 || f >= size || specials.has(f))) initBad.push(`${id} from ${JSON.stringify(row.from)}`);
    else if (!Buffer.concat(row.from.map((f) => tokenBytes(b, b.vocab[f] || bytePiece(0)))).equals(tokenBytes(ext, ext.vocab[id]!))) initBad.push(`${id} ${JSON.stringify(ext.vocab[id])}: from does not rebuild its bytes`);
  });
  r.add('embedding-init', initBad, 'one row per new id; base decompositions rebuild each token\'s bytes; padding zero', 'row problems');
}

/** Runs every check on an HF BPE extension directory. */
export async function verifyHf(dir: string, opts: VerifyOptions): Promise<VerifyReport> {
  const jsonPath = path.join(dir, 'tokenizer.json');
  const json = readJson(jsonPath);
  const ext = readHfBpe(json, jsonPath);
  const manifest = manifestOf(dir);
  const loaded = opts.base ?? loadBase(manifest?.spec?.base ?? '');
  if (loaded.kind !== 'hf') throw new InputError(`the directory has no tokenizer.model but its base ${loaded.name} is a SentencePiece model`, dir, undefined, 'pass the --base it was built from');
  const base = loaded;
  const r = new ReportBuilder();
  const paddingIds = ext.json.added_tokens.filter((t) => t.id >= base.hf.size).map((t) => t.id).sort((a, b) => a - b);
  const policy = opts.policy ?? manifest?.spec?.policy ?? 'japanese-only';
  structureChecks(dir, ext, base, manifest, r, paddingIds, policy);

  const specials = ext.json.added_tokens.map((t) => t.content);
  const { texts, fromCorpus, sampled } = await textsToCheck(opts, specials, r);
  const rt = loadJsonRuntimes(dir);
  const baseRust = RustTokenizer.fromString(JSON.stringify(base.hf.json));
  const ids = await rustEncodeAll(rt.rust, texts, opts.signal);
  const baseIds = await rustEncodeAll(baseRust, texts, opts.signal);
  const pacer = new Pacer(opts.signal);
  const parityBad: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const js = rt.js.encode(texts[i]!, { add_special_tokens: false }).ids;
    if (!same(ids[i]!, js)) parityBad.push(`${JSON.stringify(texts[i]!.slice(0, 60))}: rust ${ids[i]!.length} ids, js ${js.length}`);
    if (i % 32 === 0) {
      await pacer.pace();
      if (i % 1024 === 0) opts.onProgress?.({ stage: 'verify', current: i, total: texts.length });
    }
  }
  r.add('parity', parityBad, `tokenizers (Rust) and @huggingface/tokenizers agree on ${texts.length} texts`, 'texts where the runtimes disagree');
  const decoded = await rt.rust.decodeBatch(ids, false);
  r.add('round-trip', texts.flatMap((t, i) => (decoded[i] === t ? [] : [JSON.stringify(t.slice(0, 60))])), `decode(encode(x)) == x on ${texts.length} texts`, 'texts that do not round-trip');
  if ((opts.policy ?? manifest?.spec?.policy ?? 'japanese-only') === 'japanese-only') {
    const presBad: string[] = [];
    let n = 0;
    texts.forEach((t, i) => {
      if (containsJapanese(t)) return;
      n++;
      if (!same(ids[i]!, baseIds[i]!)) presBad.push(JSON.stringify(t.slice(0, 60)));
    });
    r.add('base-language-preserved', presBad, `${n} texts without Japanese encode exactly as the base`, 'non-Japanese texts encode differently from the base');
  }
  r.addNeverLonger(texts, ids.map((x) => x.length), baseIds.map((x) => x.length));
  const pad = new Set(paddingIds);
  const padBad = ids.flatMap((x, i) => (x.some((id) => pad.has(id)) ? [`produced by ${JSON.stringify(texts[i]!.slice(0, 40))}`] : []));
  for (const id of paddingIds) {
    try {
      await rt.rust.decode([id], false);
      rt.js.decode([id]);
    } catch (e) {
      padBad.push(`decoding ${id} throws: ${(e as Error).message}`);
    }
  }
  const addedBad: string[] = [];
  for (const t of base.hf.json.added_tokens) {
    const [e] = await rt.rust.encodeBatch([t.content], { addSpecialTokens: false });
    const js = rt.js.encode(t.content, { add_special_tokens: false }).ids;
    if (!same(e!.getIds(), [t.id]) || !same(js, [t.id]) || rt.rust.idToToken(t.id) !== t.content) addedBad.push(`${t.id} ${JSON.stringify(t.content)}: rust ${JSON.stringify(e!.getIds())}, js ${JSON.stringify(js)}`);
  }
  r.add('added-tokens', addedBad, `the base's ${base.hf.json.added_tokens.length} added tokens keep their ids in both runtimes`, 'added tokens with another id');
  r.add('padding-tokens', padBad, `${paddingIds.length} padding tokens are special, unproduced, and decode safely`, 'padding problems');
  checkArtefactHashes(dir, manifest, r, opts.beforeManifest);
  return r.finish(sampled > 0 ? efficiencyOf(texts, fromCorpus, ids) : undefined);
}
