// verify for a SentencePiece Unigram extension (tokenizer.model beside a Unigram tokenizer.json):
// the base's pieces and scores untouched, both files one model, every new piece its own Viterbi,
// three runtimes agreeing, text without Japanese encoded as the base encodes it, round trips,
// padding, and embedding-init rows from the base's own Viterbi.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { type ManifestView } from '../io/manifest-format.js';
import { Pacer } from '../progress.js';
import type { Policy } from '../spec.js';
import { readModelProto } from '../spm/modelproto.js';
import { loadSpmModel } from '../spm/runtime.js';
import { spmNormalization, viterbiScores } from '../hf/unigram-json.js';
import { UnigramEncoder } from '../unigram/lattice.js';
import { PieceType, byteOfPiece, type Model, type Piece } from '../vocab/model.js';
import {
  builtFile,
  encodeTexts,
  runtimesOrReport,
  checkBaseLanguage,
  checkBasePreserved,
  checkJapaneseOnly,
  checkPadding,
  checkReachable,
  checkSizes,
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
  same,
  type VerifyOptions,
  type VerifyReport,
} from './report.js';
import type { Runtimes } from './runtimes.js';
import { checkLlamaCpp } from './llamacpp.js';

/** What verify reads of a Unigram tokenizer.json. */
interface UnigramJson {
  model: { type: string; vocab: [string, number][]; unk_id?: number | null; byte_fallback?: boolean };
  added_tokens: { id: number; content: string; special: boolean }[];
}

/** An opened Unigram extension and the base it must extend. */
interface UnigramDir {
  dir: string;
  model: Model;
  pieces: Piece[];
  json: UnigramJson;
  manifest: ManifestView | undefined;
  base: Model;
  paddingIds: number[];
  layout: Layout;
  policy: Policy;
  fresh: number[]; // the new ids, padding excluded
  scores: number[]; // each piece's score as Viterbi sees it (tokenizer.json's)
}

function openUnigramDir(dir: string, opts: VerifyOptions, base: Model): UnigramDir {
  const modelFile = builtFile(dir, 'tokenizer.model');
  const decoded = readModelProto(fs.readFileSync(modelFile), modelFile);
  const jsonPath = builtFile(dir, 'tokenizer.json');
  const json = readJson<UnigramJson>(jsonPath);
  if (json?.model?.type !== 'Unigram' || !Array.isArray(json.model.vocab) || !Array.isArray(json.added_tokens))
    throw new InputError(
      'not a Unigram tokenizer.json (model.type, model.vocab or added_tokens)',
      jsonPath,
      undefined,
      REBUILD,
    );
  const pieces = decoded.pieces;
  const baseSize = base.pieces.length;
  const paddingIds = pieces.flatMap((p, id) => (id >= baseSize && p.type === PieceType.CONTROL ? [id] : []));
  const pads = new Set(paddingIds);
  const manifest = manifestOf(dir);
  return {
    dir,
    model: { ...decoded, paddingIds },
    pieces,
    json: json as UnigramJson,
    manifest,
    base,
    paddingIds,
    layout: layoutOf(manifest, paddingIds, pieces.length),
    policy: opts.policy ?? manifest?.spec?.policy ?? 'japanese-only',
    fresh: pieces.flatMap((_, id) => (id >= baseSize && !pads.has(id) ? [id] : [])),
    scores: viterbiScores({ ...decoded, paddingIds }),
  };
}

type StructureCheck = (d: UnigramDir, r: ReportBuilder, opts: VerifyOptions) => void | Promise<void>;
type TextCheck = (d: UnigramDir, e: Encoded, rt: Runtimes, r: ReportBuilder, opts: VerifyOptions) => Promise<void>;

/** Base ids keep piece, type and score (a Unigram score is the piece's log probability). */
const basePreserved: StructureCheck = (d, r) => checkBasePreserved(d.base.pieces, d.pieces, [], r);

/** Exact sizes, padding named in order right after the real ids, no piece twice. */
const sizes: StructureCheck = (d, r) => checkSizes(d.pieces, d.paddingIds, d.layout, r);

/** tokenizer.json and tokenizer.model hold one vocabulary with the same scores (as SentencePiece's
 * Viterbi scores each piece: its own for NORMAL ones); padding is special. */
const twoViewsOneModel: StructureCheck = (d, r) => {
  const bad: string[] = [];
  const vocab = d.json.model.vocab;
  if (vocab.length !== d.pieces.length)
    bad.push(`tokenizer.json has ${vocab.length} entries, .model ${d.pieces.length}`);
  const { scores } = d;
  d.pieces.forEach((p, id) => {
    const v = vocab[id];
    if (!v || v[0] !== p.piece || Math.fround(v[1]) !== Math.fround(scores[id]!))
      bad.push(`id ${id} ${JSON.stringify([p.piece, scores[id]])} is ${JSON.stringify(v)} in tokenizer.json`);
  });
  const unk = d.pieces.findIndex((p) => p.type === PieceType.UNKNOWN);
  if ((d.json.model.unk_id ?? -1) !== unk) bad.push(`unk_id ${d.json.model.unk_id}, the .model's unknown is ${unk}`);
  const special = new Set(d.json.added_tokens.filter((t) => t.special).map((t) => t.id));
  for (const id of d.paddingIds) if (!special.has(id)) bad.push(`padding id ${id} is not a special added token`);
  r.add(
    'two-views-one-model',
    bad,
    'tokenizer.json and tokenizer.model hold the same pieces and scores',
    'disagreements',
  );
};

/** Every new piece is what Viterbi makes of its own text, in tokenizers (Rust) and SentencePiece. */
const reachable: StructureCheck = (d, r, opts) => checkReachable(d.dir, d.model, d.fresh, r, opts);

/** Under the Japanese-only policy every new piece holds a Japanese character. */
const japaneseOnly: StructureCheck = (d, r) => checkJapaneseOnly(d.policy, d.pieces, d.fresh, r);

/** One row per new id; each decomposition is the base's own Viterbi of the piece and concatenates
 * to it — save that a base without byte fallback decomposes a character it lacks as its unknown
 * piece (rinna's 32,000 pieces lack 樣), whose row the new one then starts from. */
const embeddingInit: StructureCheck = (d, r) => {
  const baseSize = d.base.pieces.length;
  const enc = new UnigramEncoder(d.base.pieces);
  const bytesOf = (id: number) => {
    const p = d.base.pieces[id]!.piece;
    const b = byteOfPiece(p);
    return b === undefined ? Buffer.from(p, 'utf8') : Buffer.of(b);
  };
  const type = (id: number) => d.base.pieces[id]?.type;
  const bad = fs.existsSync(path.join(d.dir, 'embedding-init.json'))
    ? initRowProblems(readInitFile(d.dir), baseSize, d.pieces.length, d.paddingIds, (row, id) => {
        if (row.piece !== d.pieces[id]?.piece) return `row for ${id} is ${JSON.stringify(row.piece)}`;
        const own = enc.encode(row.piece);
        if (row.init !== 'mean' || !same(row.from, own))
          return `${id} ${JSON.stringify(row.piece)} from ${JSON.stringify(row.from)}, the base's Viterbi gives ${JSON.stringify(own)}`;
        if (row.from.some((f) => type(f) === PieceType.CONTROL || (type(f) === PieceType.UNKNOWN && enc.byteFallback)))
          return `${id} ${JSON.stringify(row.piece)} from ${JSON.stringify(row.from)}: a control or unknown row`;
        if (
          !row.from.some((f) => type(f) === PieceType.UNKNOWN) &&
          !Buffer.concat(row.from.map(bytesOf)).equals(Buffer.from(row.piece, 'utf8'))
        )
          return `${id} ${JSON.stringify(row.piece)}: from does not concatenate to the piece`;
        return undefined;
      })
    : ['embedding-init.json missing'];
  r.add(
    'embedding-init',
    bad,
    "one row per new id; each from the base's own Viterbi, concatenating to its piece (a character the base lacks: its unknown piece); padding zero",
    'row problems',
  );
};

const STRUCTURE_CHECKS: StructureCheck[] = [
  basePreserved,
  sizes,
  twoViewsOneModel,
  reachable,
  japaneseOnly,
  embeddingInit,
];

/** `ids` with every run of byte pieces as one unknown piece: what @huggingface/tokenizers (0.2)
 * gives where SentencePiece falls back to bytes (its Unigram model has no byte fallback). */
export function bytesAsUnk(pieces: readonly Piece[], ids: readonly number[]): number[] {
  const unk = pieces.findIndex((p) => p.type === PieceType.UNKNOWN);
  const isByte = (id: number | undefined) => id !== undefined && pieces[id]?.type === PieceType.BYTE;
  return ids.filter((id, i) => !isByte(id) || !isByte(ids[i - 1])).map((id) => (isByte(id) ? unk : id));
}

/** Is `b` a segmentation that scores as `a` within float32 rounding (SentencePiece adds path
 * scores in float32, HF tokenizers in float64, so such paths are a tie for one and not the other)? */
export function float32Tie(scores: readonly number[], a: readonly number[], b: readonly number[]): boolean {
  const total = (ids: readonly number[]) => ids.reduce((s, id) => s + scores[id]!, 0);
  const [x, y] = [total(a), total(b)];
  const slack = Math.max(a.length, b.length) * 2 ** (Math.floor(Math.log2(Math.abs(x) || 1)) - 23);
  return Math.abs(y - x) <= slack;
}

/** The three runtimes give the same ids for every text: SentencePiece and the Rust binding exactly
 * (or two paths of equal score within float32 rounding, counted); @huggingface/tokenizers too, a
 * run of byte-fallback pieces being one unknown piece there. */
const parity: TextCheck = async (d, e, rt, r, opts) => {
  const { scores } = d;
  const pacer = new Pacer(opts.signal);
  const bad: string[] = [];
  let ties = 0;
  let bytes = 0;
  for (let i = 0; i < e.texts.length; i++) {
    if (i % 32 === 0) await pacer.pace();
    const t = e.texts[i]!;
    const rust = e.ids[i]!;
    const spm = rt.spm.encodeIds(t);
    const js = rt.js.encode(t, { add_special_tokens: false }).ids;
    const jsWant = bytesAsUnk(d.pieces, rust);
    if (jsWant.length !== rust.length) bytes++;
    const spmOk = same(spm, rust) || (float32Tie(scores, spm, rust) && ++ties > 0);
    const jsOk = same(js, jsWant) || float32Tie(scores, js, jsWant);
    if (!spmOk || !jsOk)
      bad.push(`${JSON.stringify(t.slice(0, 60))}: rust ${rust.length} ids, spm ${spm.length}, js ${js.length}`);
  }
  const notes = [
    ties > 0 ? `${ties} equal-score ties within float32 rounding` : '',
    bytes > 0 ? `${bytes} with byte fallback, one <unk> per byte run in @huggingface/tokenizers` : '',
  ].filter(Boolean);
  r.add(
    'parity',
    bad,
    `tokenizers (Rust), @huggingface/tokenizers and SentencePiece agree on ${e.texts.length} texts${notes.length ? ` (${notes.join('; ')})` : ''}`,
    'texts where the runtimes disagree',
  );
};

/** decode(encode(x)) == x for a model that does not normalise (identity map, whitespace kept);
 * for one that does (NFKC, extra whitespace removed), what SentencePiece itself decodes. */
const roundTrip: TextCheck = async (d, e, rt, r) => {
  const decoded = await rt.rust.decodeBatch(e.ids, false);
  const n = spmNormalization(d.model);
  if (n.charsmap === '' && !n.removeExtraWhitespaces) return checkRoundTrip(e, decoded, r);
  const bad = e.ids.flatMap((ids, i) =>
    decoded[i] === rt.spm.decodeIds(ids) ? [] : [JSON.stringify(e.texts[i]!.slice(0, 60))],
  );
  r.add(
    'round-trip',
    bad,
    `decode(encode(x)) is x as the model normalises it (SentencePiece's own decoding) on ${e.texts.length} texts`,
    "texts whose decoding differs from SentencePiece's",
  );
};

/** Against the base: text without Japanese unchanged; texts made longer measured (a note). */
const againstBase: TextCheck = (d, e, _rt, r) => {
  checkBaseLanguage(e, d.policy, r);
  r.noteLonger(
    e.texts,
    e.ids.map((x) => x.length),
    e.baseIds.map((x) => x.length),
  );
  return Promise.resolve();
};

const padding: TextCheck = (d, e, rt, r) =>
  checkPadding(
    e,
    d.paddingIds,
    [(id) => rt.rust.decode([id], false), (id) => rt.js.decode([id]), (id) => rt.spm.decodeIds([id])],
    r,
  );

/** llama.cpp, loading the directory's GGUF ("t5": its Viterbi tokenizer), gives the Rust ids. */
const llamaCpp: TextCheck = (d, e, _rt, r, opts) => checkLlamaCpp(d.dir, e, r, opts);

const TEXT_CHECKS: TextCheck[] = [parity, llamaCpp, roundTrip, againstBase, padding];

/** Runs every check on a SentencePiece Unigram extension of `base`. */
export async function verifyUnigram(dir: string, opts: VerifyOptions, base: { model: Model }): Promise<VerifyReport> {
  const d = openUnigramDir(dir, opts, base.model);
  const r = new ReportBuilder();
  for (const check of STRUCTURE_CHECKS) await check(d, r, opts);
  const rt = await runtimesOrReport(dir, r);
  const spmBase = rt && (await loadSpmModel(d.base));
  const encoded = spmBase ? await encodeTexts(d.pieces, rt, (t) => spmBase.encodeIds(t), opts, r) : undefined;
  if (rt && encoded) for (const check of TEXT_CHECKS) await check(d, encoded, rt, r, opts);
  checkArtefactHashes(dir, d.manifest, r, opts.beforeManifest);
  return r.finish(
    encoded && encoded.sampled > 0 ? efficiencyOf(encoded.texts, encoded.fromCorpus, encoded.ids) : undefined,
  );
}
