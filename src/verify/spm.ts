// verify for a SentencePiece-BPE directory (tokenizer.model beside tokenizer.json): the checks of
// DESIGN.md as a list of named steps over one opened directory.
import fs from 'node:fs';
import path from 'node:path';
import { BpeEncoder } from '../bpe/encoder.js';
import { InputError } from '../errors.js';
import { deriveMerges } from '../bpe/derive.js';
import { mergePair } from '../hf/merges.js';
import { isStandalone, type ManifestView } from '../io/manifest-format.js';
import { DEFAULTS, type Policy } from '../spec.js';
import { readModelProto } from '../spm/modelproto.js';
import { standaloneBase } from '../train/scratch.js';
import type { SentencePieceBase } from '../base/types.js';
import { PieceType, byteOfPiece, type Model, type Piece } from '../vocab/model.js';
import { rustRuntime } from '../hf/runtime.js';
import { checkFreed, checkFreedInit, type FreedContext } from './freed.js';
import {
  builtFile,
  encodeTexts,
  runtimesOrReport,
  checkAgainstBase,
  checkBasePreserved,
  checkJapaneseOnly,
  checkPadding,
  checkReachable,
  checkSizes,
  checkParity,
  checkRoundTrip,
  initRowProblems,
  layoutOf,
  readInitFile,
  type Encoded,
  type Layout,
} from './checks.js';
import {
  REBUILD,
  ReportBuilder,
  checkArtefactHashes,
  efficiencyOf,
  manifestOf,
  readJson,
  type VerifyOptions,
  type VerifyReport,
} from './report.js';
import { checkLlamaCpp } from './llamacpp.js';
import type { Runtimes } from './runtimes.js';

/** An opened SentencePiece-BPE directory and the base it must extend. */
interface SpmDir {
  dir: string;
  model: Model;
  pieces: Piece[];
  /** tokenizer.json's vocabulary, merges (as "l r") and special added-token ids. */
  json: { vocab: Record<string, number>; merges: string[]; specialIds: Set<number> };
  manifest: ManifestView | undefined;
  /** A model trained from scratch: its base is only its specials and byte pieces. */
  standalone: boolean;
  base: SentencePieceBase;
  baseEnc: BpeEncoder;
  paddingIds: number[];
  layout: Layout;
  policy: Policy | 'standalone';
  fresh: number[]; // the new ids: the base's free ones (filled first), then those after it but padding
  freed?: FreedContext; // the directory freed base ids: `base` is the base without them
}

/** A check of the directory's structure. */
type StructureCheck = (d: SpmDir, r: ReportBuilder, opts?: VerifyOptions) => void | Promise<void>;

/** A check of what the runtimes make of the texts. */
type TextCheck = (d: SpmDir, e: Encoded, rt: Runtimes, r: ReportBuilder, opts: VerifyOptions) => Promise<void>;

/** What verify reads of a SentencePiece extension's tokenizer.json. */
interface BpeJson {
  model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
  added_tokens: { id: number; special: boolean }[];
}

/** Reads both views of `dir` and its manifest; `given` is the base it was built from (none for a
 * model trained from scratch, whose base is its specials and byte pieces). */
function openSpmDir(
  dir: string,
  opts: VerifyOptions,
  given: SentencePieceBase | undefined,
  freed?: FreedContext,
): SpmDir {
  const modelFile = builtFile(dir, 'tokenizer.model');
  const decoded = readModelProto(fs.readFileSync(modelFile), modelFile);
  const jsonPath = builtFile(dir, 'tokenizer.json');
  const json = readJson<BpeJson>(jsonPath);
  if (!json?.model?.vocab || !Array.isArray(json.model.merges) || !Array.isArray(json.added_tokens)) {
    throw new InputError(
      'not a BPE tokenizer.json (model.vocab, model.merges or added_tokens missing)',
      jsonPath,
      undefined,
      REBUILD,
    );
  }
  const { model, added_tokens } = json as BpeJson;
  const manifest = manifestOf(dir);
  const standalone = isStandalone(manifest);
  const loaded = standalone
    ? standaloneBase(decoded.pieces.length, decoded.trainerSpec.split_by_unicode_script !== false)
    : given;
  if (!loaded)
    throw new InputError(
      'verify needs the base it was built from',
      dir,
      undefined,
      'pass the --base it was built from',
    );
  const pieces = decoded.pieces;
  const baseSize = loaded.model.pieces.length;
  const paddingIds = pieces.flatMap((p, id) => (id >= baseSize && p.type === PieceType.CONTROL ? [id] : []));
  const pads = new Set(paddingIds);
  const after = pieces.flatMap((_, id) => (id >= baseSize && !pads.has(id) ? [id] : []));
  return {
    dir,
    model: { ...decoded, paddingIds },
    pieces,
    json: {
      vocab: model.vocab,
      merges: model.merges.map((m) => mergePair(m).join(' ')),
      specialIds: new Set(added_tokens.filter((t) => t.special).map((t) => t.id)),
    },
    manifest,
    standalone,
    base: loaded,
    baseEnc: new BpeEncoder(loaded.model.pieces),
    paddingIds,
    layout: standalone
      ? { target: pieces.length, padTo: pieces.length, padPrefix: DEFAULTS.padPrefix }
      : layoutOf(manifest, paddingIds, pieces.length),
    policy: standalone ? 'standalone' : (opts.policy ?? manifest?.spec?.policy ?? 'japanese-only'),
    fresh: [...(loaded.free ?? []), ...after],
    ...(freed ? { freed } : {}),
  };
}

const baseSizeOf = (d: SpmDir) => d.base.model.pieces.length;

/** Base ids keep piece, type and score. */
const basePreserved: StructureCheck = (d, r) => checkBasePreserved(d.base.model.pieces, d.pieces, d.base.free ?? [], r);

/** The base's merges are all there, in their order. */
const baseMergesOrder: StructureCheck = (d, r) => {
  const baseMerges = (d.base.merges ?? deriveMerges(d.base.model.pieces)).map(([l, rr]) => `${l} ${rr}`);
  let k = 0;
  for (const m of d.json.merges) if (k < baseMerges.length && m === baseMerges[k]) k++;
  r.add(
    'base-merges-order',
    k === baseMerges.length ? [] : [`first missing base merge #${k}: ${baseMerges[k]}`],
    `all ${baseMerges.length} base merges present in order`,
    'base merge order broken',
  );
};

/** Exact sizes, padding named in order right after the real ids, no piece twice. */
const sizes: StructureCheck = (d, r) => checkSizes(d.pieces, d.paddingIds, d.layout, r);

/** tokenizer.json and tokenizer.model hold one vocabulary, one merge order, special padding. */
const twoViewsOneModel: StructureCheck = (d, r) => {
  const bad: string[] = [];
  const { vocab, merges, specialIds } = d.json;
  if (Object.keys(vocab).length !== d.pieces.length)
    bad.push(`tokenizer.json has ${Object.keys(vocab).length} entries, .model ${d.pieces.length}`);
  d.pieces.forEach((p, id) => {
    if (vocab[p.piece] !== id) bad.push(`id ${id} ${JSON.stringify(p.piece)} is ${vocab[p.piece]} in tokenizer.json`);
  });
  const derived = deriveMerges(d.pieces).map(([l, rr]) => `${l} ${rr}`);
  if (derived.length !== merges.length || derived.some((m, i) => m !== merges[i]))
    bad.push('tokenizer.json merges differ from those derived from tokenizer.model scores');
  for (const id of d.paddingIds) if (!specialIds.has(id)) bad.push(`padding id ${id} is not a special added token`);
  r.add(
    'two-views-one-model',
    bad,
    'tokenizer.json and tokenizer.model hold the same vocabulary, scores order and merges',
    'disagreements',
  );
};

/** Every new piece encodes to itself, in tokenizers (Rust) and in SentencePiece alike. */
const reachable: StructureCheck = (d, r, opts) => checkReachable(d.dir, d.model, d.fresh, r, opts);

/** Every character of a piece is a piece. */
const characterClosure: StructureCheck = (d, r) => {
  const normal = new Set(d.pieces.filter((p) => p.type === PieceType.NORMAL).map((p) => p.piece));
  const bad: string[] = [];
  d.pieces.forEach((p, id) => {
    if (p.type !== PieceType.NORMAL) return;
    for (const ch of p.piece)
      if (!normal.has(ch)) {
        bad.push(`${id} ${JSON.stringify(p.piece)} lacks ${JSON.stringify(ch)}`);
        break;
      }
  });
  r.add('character-closure', bad, 'every character of a piece is a piece', 'pieces with a character that is no piece');
};

/** Under the Japanese-only policy every new piece holds a Japanese character. */
const japaneseOnly: StructureCheck = (d, r) => checkJapaneseOnly(d.policy, d.pieces, d.fresh, r);

/** The three runtimes give the same ids for every text. */
const parity: TextCheck = (_d, e, rt, r, opts) =>
  checkParity(
    e,
    [
      { name: 'js', encode: (t) => rt.js.encode(t, { add_special_tokens: false }).ids },
      { name: 'spm', encode: (t) => rt.spm.encodeIds(t) },
    ],
    'tokenizers (Rust), @huggingface/tokenizers and SentencePiece',
    r,
    opts,
  );

/** llama.cpp, loading the directory's GGUF, gives the Rust ids. */
const llamaCpp: TextCheck = (d, e, _rt, r, opts) => checkLlamaCpp(d.dir, e, r, opts);

const roundTrip: TextCheck = async (_d, e, rt, r) => checkRoundTrip(e, await rt.rust.decodeBatch(e.ids, false), r);

/** Against the base: text without Japanese unchanged, no text longer (an extension only). */
const againstBase: TextCheck = (d, e, _rt, r) => {
  if (!d.standalone) checkAgainstBase(e, d.policy, r);
  return Promise.resolve();
};

const padding: TextCheck = (d, e, rt, r) =>
  checkPadding(
    e,
    d.paddingIds,
    [(id) => rt.rust.decode([id], false), (id) => rt.js.decode([id]), (id) => rt.spm.decodeIds([id])],
    r,
  );

/** One row per new id; each decomposition by the base concatenates to its piece. */
const embeddingInit: StructureCheck = (d, r) => {
  if (d.standalone) {
    r.note('a standalone model (train --from-scratch): no base to preserve, no embedding-init.json');
    return;
  }
  if (d.freed) {
    const bytesOf = (t: string) => {
      const b = byteOfPiece(t);
      return b === undefined ? Buffer.from(t, 'utf8') : Buffer.from([b]);
    };
    return checkFreedInit(
      d.dir,
      d.freed,
      d.pieces.map((p) => p.piece),
      d.paddingIds,
      bytesOf,
      r,
    );
  }
  const baseSize = baseSizeOf(d);
  const special = (id: number) =>
    d.base.model.pieces[id]!.type === PieceType.CONTROL || d.base.model.pieces[id]!.type === PieceType.UNKNOWN;
  const bad = fs.existsSync(path.join(d.dir, 'embedding-init.json'))
    ? initRowProblems(readInitFile(d.dir), baseSize, d.pieces.length, d.paddingIds, (row, id) => {
        if (row.piece !== d.pieces[id]?.piece) return `row for ${id} is ${JSON.stringify(row.piece)}`;
        if (row.init !== 'mean' || row.from.length === 0 || row.from.some((f) => f < 0 || f >= baseSize || special(f)))
          return `${id} ${JSON.stringify(row.piece)} from ${JSON.stringify(row.from)}`;
        if (!d.baseEnc.bytes(row.from).equals(Buffer.from(row.piece, 'utf8')))
          return `${id} ${JSON.stringify(row.piece)}: from does not concatenate to the piece`;
        return undefined;
      })
    : ['embedding-init.json missing'];
  r.add(
    'embedding-init',
    bad,
    'one row per new id; decompositions by the base concatenate to their piece, no BOS; padding zero',
    'row problems',
  );
};

const STRUCTURE_CHECKS: StructureCheck[] = [
  basePreserved,
  baseMergesOrder,
  sizes,
  twoViewsOneModel,
  reachable,
  characterClosure,
  japaneseOnly,
];
/** A directory that freed ids: its id map, and what it costs the keep corpora against the original base. */
const freedChecks: TextCheck = async (d, _e, rt, r, opts) => {
  if (d.freed)
    await checkFreed(
      d.freed,
      rustRuntime(rt.rust),
      d.pieces.map((p) => p.piece),
      d.manifest?.spec,
      opts,
      r,
    );
};

const TEXT_CHECKS: TextCheck[] = [parity, llamaCpp, roundTrip, againstBase, padding, freedChecks];

/** Runs every check on a SentencePiece-BPE directory. */
export async function verifySentencePiece(
  dir: string,
  opts: VerifyOptions,
  base?: SentencePieceBase,
  freed?: FreedContext,
): Promise<VerifyReport> {
  if (!fs.existsSync(path.join(dir, 'tokenizer.model')) && fs.existsSync(path.join(dir, 'tokenizer.json')))
    throw new InputError(
      `the directory has no tokenizer.model but its base ${base?.name ?? ''} is a SentencePiece model`,
      dir,
      undefined,
      'pass the --base it was built from',
    );
  const d = openSpmDir(dir, opts, base, freed);
  const r = new ReportBuilder();
  for (const check of STRUCTURE_CHECKS) await check(d, r, opts);
  const rt = await runtimesOrReport(dir, r);
  const baseEncode = d.standalone ? undefined : (t: string) => d.baseEnc.encode(t);
  const encoded = rt ? await encodeTexts(d.pieces, rt, baseEncode, opts, r) : undefined;
  if (rt && encoded) for (const check of TEXT_CHECKS) await check(d, encoded, rt, r, opts);
  await embeddingInit(d, r);
  checkArtefactHashes(dir, d.manifest, r, opts.beforeManifest);
  return r.finish(
    encoded && encoded.sampled > 0 ? efficiencyOf(encoded.texts, encoded.fromCorpus, encoded.ids) : undefined,
  );
}
