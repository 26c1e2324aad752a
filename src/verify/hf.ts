// verify for an HF BPE extension (Llama 3, Qwen3, Gemma 3, …): the base carried over unchanged,
// exact sizes and padding, every new token reachable from its own bytes, the Japanese-only
// policy, the Rust and JS runtimes agreeing, round trips, text without Japanese encoded as the
// base encodes it, padding never produced, embedding-init rows that rebuild their token's bytes.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { hfPieces, readHfBpe, vocabId, type HfBpe } from '../hf/model.js';
import { InputError } from '../errors.js';
import { pieceRule } from '../corpus/policy.js';
import type { Policy } from '../spec.js';
import type { ManifestView } from '../io/manifest-format.js';
import type { HfBase } from '../base/types.js';
import { byteOfPiece, bytePiece } from '../vocab/model.js';
import {
  checkAgainstBase,
  checkPadding,
  checkParity,
  checkRoundTrip,
  initRowProblems,
  layoutOf,
  layoutProblems,
  readInitFile,
  type Encoded,
  type Layout,
} from './checks.js';
import {
  ReportBuilder,
  checkArtefactHashes,
  efficiencyOf,
  manifestOf,
  readJson,
  same,
  textsToCheck,
  type Outcome,
  type VerifyOptions,
  type VerifyReport,
} from './report.js';
import { checkLlamaCpp } from './llamacpp.js';
import { unreachedAside } from './reachable.js';
import { loadJsonRuntimes, rustEncodeAll, type Runtimes } from './runtimes.js';
import { checkConverterProbe } from './probe.js';
import { checkFreed, checkFreedInit, type FreedContext } from './freed.js';
import { rustRuntime } from '../hf/runtime.js';

/** An opened HF BPE extension and the base it must extend. */
interface HfDir {
  dir: string;
  ext: HfBpe;
  manifest: ManifestView | undefined;
  base: HfBase;
  baseRust: RustTokenizer; // the base in the Rust binding
  paddingIds: number[];
  layout: Layout;
  policy: Policy;
  fresh: number[]; // the new ids: the base's free ones (filled first), then those after it
  freed?: FreedContext; // the directory freed base ids: `base` is the base without them
}

type StructureCheck = (d: HfDir, r: ReportBuilder, opts?: VerifyOptions) => void | Promise<void>;
type TextCheck = (
  d: HfDir,
  e: Encoded,
  rt: Omit<Runtimes, 'spm'>,
  r: ReportBuilder,
  opts: VerifyOptions,
) => Promise<void>;

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

/** Bases in the Rust binding, parsed once per base in this process (a Base never changes). */
const rustBases = new WeakMap<HfBpe, RustTokenizer>();

/** `hf` in the Rust binding. */
function rustOf(hf: HfBpe): RustTokenizer {
  let t = rustBases.get(hf);
  if (!t) rustBases.set(hf, (t = RustTokenizer.fromString(JSON.stringify(hf.json))));
  return t;
}

/** Reads `dir`'s tokenizer.json, its manifest and the base it was built from. */
function openHfDir(dir: string, opts: VerifyOptions, base: HfBase, freed?: FreedContext): HfDir {
  if (fs.existsSync(path.join(dir, 'tokenizer.model')))
    throw new InputError(
      `the directory has a tokenizer.model but its base ${base.name} is an HF BPE tokenizer`,
      dir,
      undefined,
      'pass the --base it was built from',
    );
  const jsonPath = path.join(dir, 'tokenizer.json');
  const ext = readHfBpe(readJson(jsonPath), jsonPath);
  const manifest = manifestOf(dir);
  const paddingIds = ext.json.added_tokens
    .filter((t) => t.id >= base.hf.size)
    .map((t) => t.id)
    .sort((a, b) => a - b);
  const layout = layoutOf(manifest, paddingIds, ext.size);
  const after = Array.from({ length: Math.max(0, layout.target - base.hf.size) }, (_, k) => base.hf.size + k);
  return {
    dir,
    ext,
    manifest,
    base,
    baseRust: rustOf(base.hf),
    paddingIds,
    layout,
    policy: opts.policy ?? manifest?.spec?.policy ?? 'japanese-only',
    fresh: [...(base.hf.free ?? []), ...after],
    ...(freed ? { freed } : {}),
  };
}

/** Base ids, added tokens and pipeline unchanged. */
const basePreserved: StructureCheck = ({ ext, base: { hf: b } }, r) => {
  const bad: string[] = [];
  const addedAt = new Map(b.json.added_tokens.map((t) => [t.id, t.content]));
  const free = new Set(b.free ?? []);
  for (let id = 0; id < b.size; id++) {
    if (free.has(id)) continue; // a new token's now (sizes checks it is filled)
    const want = b.vocab[id] || addedAt.get(id) || '';
    if (ext.vocab[id] !== want && !(b.vocab[id] === '' && ext.vocab[id] === ''))
      bad.push(`id ${id}: ${JSON.stringify(want)} -> ${JSON.stringify(ext.vocab[id])}`);
  }
  b.json.added_tokens.forEach((t, k) => {
    if (JSON.stringify(ext.json.added_tokens[k]) !== JSON.stringify(t))
      bad.push(`added token ${t.id} ${JSON.stringify(t.content)} changed`);
  });
  if (carried(ext.json) !== carried(b.json))
    bad.push('normalizer, pre-tokenizer, post-processor, decoder or model flags differ from the base');
  const freed = b.free?.length ? ` (but the ${b.free.length} freed)` : '';
  r.add(
    'base-preserved',
    bad,
    `ids 0..${b.size - 1}${freed}, the ${b.json.added_tokens.length} added tokens and the pipeline are the base's`,
    'base changes',
  );
};

/** The base's merges come first, in their order. */
const baseMergesOrder: StructureCheck = ({ ext, base: { hf: b } }, r) => {
  let k = 0;
  while (k < b.merges.length && ext.merges[k]?.[0] === b.merges[k]![0] && ext.merges[k]?.[1] === b.merges[k]![1]) k++;
  r.add(
    'base-merges-order',
    k === b.merges.length ? [] : [`first differing base merge #${k}: ${b.merges[k]!.join(' ')}`],
    `all ${b.merges.length} base merges first, in order`,
    'base merge order broken',
  );
};

/** Exact sizes; padding special and named in order right after the real ids; no gap. */
const sizes: StructureCheck = ({ ext, base, paddingIds, layout, fresh }, r) => {
  const size = base.hf.size - (base.hf.free?.length ?? 0);
  const { target, padTo } = layout;
  const bad = layoutProblems(ext.size, paddingIds, layout, (id, name) => {
    const t = ext.json.added_tokens.find((a) => a.id === id)!;
    return t.content !== name || !t.special
      ? `id ${id} is ${JSON.stringify(t.content)}${t.special ? '' : ', not special'}`
      : undefined;
  });
  for (const id of fresh) if (ext.vocab[id] === '') bad.push(`id ${id} is not a token`);
  r.add(
    'sizes',
    bad,
    `${target} ids (base ${size} + ${fresh.length} new) + ${padTo - target} padding = ${padTo}`,
    'size problems',
  );
};

/** Every new token encodes from its own bytes to itself, in tokenizers (Rust); decided on another
 * thread beside the checks after it. */
const reachable: StructureCheck = ({ dir, ext, fresh }, r, opts) => {
  const tokens = fresh.map((id) => ({ id, text: ext.vocab[id] ?? '' }));
  const outcome = async (): Promise<Outcome> => [
    'reachable',
    (await unreachedAside({ dir, tokens }, opts)).map((id) => `${id} ${JSON.stringify(ext.vocab[id])}`),
    'every new token encodes from its own bytes to itself',
    'unreachable new tokens',
  ];
  r.addLater('reachable', outcome());
};

/** Under the Japanese-only policy a new token occurs only inside Japanese text: its bytes are
 * Japanese, or (byte-level) it is made from a new token. */
const japaneseOnly: StructureCheck = ({ ext, base, policy, fresh }, r) => {
  if (policy !== 'japanese-only') return;
  const rule = pieceRule(policy);
  const idOf = vocabId(ext.json.model.vocab);
  const made = new Map(ext.merges.slice(base.hf.merges.length).map(([l, rr]) => [l + rr, [l, rr] as const]));
  const isNew = new Set(fresh);
  const bad: string[] = [];
  for (const id of fresh) {
    const t = ext.vocab[id]!;
    const m = made.get(t);
    const fromNew = m && (isNew.has(idOf(m[0])!) || isNew.has(idOf(m[1])!));
    const ok = ext.byteLevel ? rule.bytes(t.length, fromNew === true, () => tokenBytes(ext, t)) : rule.text(t);
    if (!ok) bad.push(`${id} ${JSON.stringify(t)}`);
  }
  r.add(
    'policy-japanese-only',
    bad,
    'every new token occurs only inside Japanese text',
    'new tokens that can occur outside Japanese text',
  );
};

/** One row per new id; each decomposition by the base rebuilds its token's bytes. */
const embeddingInit: StructureCheck = (d, r) => {
  if (d.freed) {
    return checkFreedInit(d.dir, d.freed, piecesOf(d.ext), d.paddingIds, (t) => tokenBytes(d.ext, t), r);
  }
  const {
    dir,
    ext,
    base: { hf: b },
    paddingIds,
  } = d;
  const specials = new Set(b.json.added_tokens.filter((t) => t.special).map((t) => t.id));
  const bad = initRowProblems(readInitFile(dir), b.size, ext.size, paddingIds, (row, id) => {
    if (row.from.length === 0 || row.from.some((f) => f < 0 || f >= b.size || specials.has(f)))
      return `${id} from ${JSON.stringify(row.from)}`;
    if (
      !Buffer.concat(row.from.map((f) => tokenBytes(b, b.vocab[f] || bytePiece(0)))).equals(
        tokenBytes(ext, ext.vocab[id]!),
      )
    )
      return `${id} ${JSON.stringify(ext.vocab[id])}: from does not rebuild its bytes`;
    return undefined;
  });
  r.add(
    'embedding-init',
    bad,
    "one row per new id; base decompositions rebuild each token's bytes; padding zero",
    'row problems',
  );
};

/** The Rust binding and the pure-JS library give the same ids. */
const parity: TextCheck = (_d, e, rt, r, opts) =>
  checkParity(
    e,
    [{ name: 'js', encode: (t) => rt.js.encode(t, { add_special_tokens: false }).ids }],
    'tokenizers (Rust) and @huggingface/tokenizers',
    r,
    opts,
  );

const roundTrip: TextCheck = async (_d, e, rt, r) => checkRoundTrip(e, await rt.rust.decodeBatch(e.ids, false), r);

/** Against the base: text without Japanese unchanged, no text longer. */
const againstBase: TextCheck = (d, e, _rt, r) => Promise.resolve(checkAgainstBase(e, d.policy, r));

/** The base's added tokens keep their ids in both runtimes. */
const addedTokens: TextCheck = async ({ base }, _e, rt, r) => {
  const bad: string[] = [];
  for (const t of base.hf.json.added_tokens) {
    const [e] = await rt.rust.encodeBatch([t.content], { addSpecialTokens: false });
    const js = rt.js.encode(t.content, { add_special_tokens: false }).ids;
    if (!same(e!.getIds(), [t.id]) || !same(js, [t.id]) || rt.rust.idToToken(t.id) !== t.content)
      bad.push(`${t.id} ${JSON.stringify(t.content)}: rust ${JSON.stringify(e!.getIds())}, js ${JSON.stringify(js)}`);
  }
  r.add(
    'added-tokens',
    bad,
    `the base's ${base.hf.json.added_tokens.length} added tokens keep their ids in both runtimes`,
    'added tokens with another id',
  );
};

const padding: TextCheck = (d, e, rt, r) =>
  checkPadding(e, d.paddingIds, [(id) => rt.rust.decode([id], false), (id) => rt.js.decode([id])], r);

const converterProbe: TextCheck = (d, _e, rt, r) => checkConverterProbe(rt.rust, d.baseRust, d.base, r);
/** llama.cpp, loading the directory's GGUF, gives the Rust ids. */
const llamaCpp: TextCheck = (d, e, _rt, r, opts) => checkLlamaCpp(d.dir, e, r, opts, d.ext);

const STRUCTURE_CHECKS: StructureCheck[] = [
  basePreserved,
  baseMergesOrder,
  sizes,
  reachable,
  japaneseOnly,
  embeddingInit,
];
/** A directory that freed ids: its id map, and what it costs the keep corpora against the original base. */
const freedChecks: TextCheck = async (d, _e, rt, r, opts) => {
  if (d.freed) await checkFreed(d.freed, rustRuntime(rt.rust), piecesOf(d.ext), d.manifest?.spec, opts, r);
};

/** The directory's tokens by id (model tokens, added tokens' content). */
const piecesOf = (hf: HfBpe) => hfPieces(hf).map((p) => p.piece);

const TEXT_CHECKS: TextCheck[] = [
  parity,
  llamaCpp,
  roundTrip,
  againstBase,
  addedTokens,
  padding,
  converterProbe,
  freedChecks,
];

/** Encodes verify's texts with the extension and with the base (both by the Rust binding). */
async function encodeTexts(
  d: HfDir,
  rt: Omit<Runtimes, 'spm'>,
  opts: VerifyOptions,
  r: ReportBuilder,
): Promise<Encoded> {
  const { texts, fromCorpus, sampled } = await textsToCheck(
    opts,
    d.ext.json.added_tokens.map((t) => t.content),
    r,
  );
  const ids = await rustEncodeAll(rt.rust, texts, opts.signal);
  const baseIds = await rustEncodeAll(d.baseRust, texts, opts.signal);
  return { texts, ids, baseIds, fromCorpus, sampled };
}

/** Runs every check on an HF BPE extension directory. */
export async function verifyHf(
  dir: string,
  opts: VerifyOptions,
  base: HfBase,
  freed?: FreedContext,
): Promise<VerifyReport> {
  const d = openHfDir(dir, opts, base, freed);
  const r = new ReportBuilder();
  for (const check of STRUCTURE_CHECKS) await check(d, r, opts);
  const rt = loadJsonRuntimes(dir);
  const encoded = await encodeTexts(d, rt, opts, r);
  for (const check of TEXT_CHECKS) await check(d, encoded, rt, r, opts);
  checkArtefactHashes(dir, d.manifest, r, opts.beforeManifest);
  return r.finish(encoded.sampled > 0 ? efficiencyOf(encoded.texts, encoded.fromCorpus, encoded.ids) : undefined);
}
