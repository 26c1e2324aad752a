// verify: checks every invariant of DESIGN.md on a built directory.
import fs from 'node:fs';
import path from 'node:path';
import { BpeEncoder } from '../bpe/encoder.js';
import { containsJapanese } from '../corpus/unicode.js';
import { InputError } from '../errors.js';
import { deriveMerges } from '../hf/merges.js';
import { readModelProto } from '../spm/modelproto.js';
import { DEFAULTS } from '../options.js';
import { EMBEDDING_TENSORS } from '../write/embedding-init.js';
import { isStandalone } from '../io/manifest.js';
import { loadBase, type BaseTokenizer } from '../vocab/base.js';
import { emptyBpeModel } from '../train/scratch.js';
import { PieceType, type Model } from '../vocab/model.js';
import { unreachable } from '../vocab/plan.js';
import { Pacer } from '../progress.js';
import { loadRuntimes, rustEncodeAll, type Runtimes } from './runtimes.js';
import { verifyHf } from './hf.js';
import { ReportBuilder, REBUILD, checkArtefactHashes, efficiencyOf, manifestOf, readJson, same, textsToCheck, type VerifyOptions, type VerifyReport } from './report.js';

export type { Check, VerifyOptions, VerifyReport } from './report.js';

/** Runs every check on `dir`: a SentencePiece-BPE directory (with tokenizer.model) or an HF BPE one. */
export async function verifyDir(dir: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  if (!fs.existsSync(path.join(dir, 'tokenizer.model')) && fs.existsSync(path.join(dir, 'tokenizer.json'))) return verifyHf(dir, opts);
  return verifySentencePiece(dir, opts);
}

/** The checks of a SentencePiece-BPE directory. */
async function verifySentencePiece(dir: string, opts: VerifyOptions): Promise<VerifyReport> {
  const need = (name: string) => {
    const f = path.join(dir, name);
    if (!fs.existsSync(f)) throw new InputError(`missing ${name}`, dir, undefined, 'verify expects a directory written by tokext build');
    return f;
  };
  const pacer = new Pacer(opts.signal);
  const modelFile = need('tokenizer.model');
  const decoded = readModelProto(fs.readFileSync(modelFile), modelFile);
  const jsonPath = need('tokenizer.json');
  const json = readJson(jsonPath);
  if (!json?.model?.vocab || !Array.isArray(json.model.merges) || !Array.isArray(json.added_tokens)) {
    throw new InputError('not a BPE tokenizer.json (model.vocab, model.merges or added_tokens missing)', jsonPath, undefined, REBUILD);
  }
  const manifest = manifestOf(dir);
  // A standalone model (train --from-scratch) has no base beyond its specials and byte pieces.
  const standalone = isStandalone(manifest);
  const loaded: BaseTokenizer = standalone
    ? { kind: 'sentencepiece', name: 'none', source: 'from-scratch', model: emptyBpeModel(decoded.pieces.length, decoded.trainerSpec.split_by_unicode_script !== false), merges: [] }
    : opts.base ?? loadBase(manifest?.spec?.base ?? DEFAULTS.base);
  if (loaded.kind !== 'sentencepiece') throw new InputError(`the directory has a tokenizer.model but its base ${loaded.name} is an HF BPE tokenizer`, dir, undefined, 'pass the --base it was built from');
  const base = loaded;
  const baseSize = base.model.pieces.length;
  const baseEnc = new BpeEncoder(base.model.pieces);
  const pieces = decoded.pieces;
  const paddingIds = pieces.map((p, id) => (id >= baseSize && p.type === PieceType.CONTROL ? id : -1)).filter((i) => i >= 0);
  const model: Model = { ...decoded, paddingIds };
  const report = new ReportBuilder();
  const add = report.add.bind(report);
  const notes = { push: (n: string) => report.note(n) };

  // 1. Base ids keep piece, type and score; base merges keep their order.
  const baseBad: string[] = [];
  base.model.pieces.forEach((p, id) => {
    const q = pieces[id];
    if (!q || q.piece !== p.piece || q.type !== p.type || Math.fround(q.score) !== Math.fround(p.score)) baseBad.push(`id ${id}: ${JSON.stringify(p)} -> ${JSON.stringify(q)}`);
  });
  add('base-preserved', baseBad, `ids 0..${baseSize - 1} unchanged`, 'base ids changed');
  const merges: string[] = json.model.merges.map((m: string | string[]) => (Array.isArray(m) ? m.join(' ') : m));
  const baseMerges = (base.merges ?? deriveMerges(base.model.pieces)).map(([l, r]) => `${l} ${r}`);
  let k = 0;
  for (const m of merges) if (k < baseMerges.length && m === baseMerges[k]) k++;
  add('base-merges-order', k === baseMerges.length ? [] : [`first missing base merge #${k}: ${baseMerges[k]}`],
    `all ${baseMerges.length} base merges present in order`, 'base merge order broken');

  // 2. Sizes, padding names, no duplicates, tokenizer.json and .model agree.
  const sizeBad: string[] = [];
  const target = standalone ? pieces.length : manifest?.spec?.target ?? (paddingIds[0] ?? pieces.length);
  const padTo = standalone ? pieces.length : manifest?.spec?.padTo ?? pieces.length;
  const prefix: string = manifest?.spec?.padPrefix ?? DEFAULTS.padPrefix;
  if (pieces.length !== padTo) sizeBad.push(`${pieces.length} entries, expected ${padTo}`);
  paddingIds.forEach((id, i) => {
    if (id !== target + i) sizeBad.push(`padding id ${id} expected ${target + i}`);
    if (pieces[id]!.piece !== `${prefix}${i}|>`) sizeBad.push(`id ${id} is ${pieces[id]!.piece}`);
  });
  if (paddingIds.length !== padTo - target) sizeBad.push(`${paddingIds.length} padding tokens, expected ${padTo - target}`);
  const seen = new Set<string>();
  for (const p of pieces) {
    if (seen.has(p.piece)) sizeBad.push(`duplicate piece ${JSON.stringify(p.piece)}`);
    seen.add(p.piece);
  }
  add('sizes', sizeBad, `${target} real entries + ${padTo - target} padding = ${padTo}`, 'size problems');
  const viewBad: string[] = [];
  const vocab = json.model.vocab as Record<string, number>;
  if (Object.keys(vocab).length !== pieces.length) viewBad.push(`tokenizer.json has ${Object.keys(vocab).length} entries, .model ${pieces.length}`);
  pieces.forEach((p, id) => { if (vocab[p.piece] !== id) viewBad.push(`id ${id} ${JSON.stringify(p.piece)} is ${vocab[p.piece]} in tokenizer.json`); });
  const derived = deriveMerges(pieces).map(([l, r]) => `${l} ${r}`);
  if (derived.length !== merges.length || derived.some((m, i) => m !== merges[i])) viewBad.push('tokenizer.json merges differ from those derived from tokenizer.model scores');
  const added = new Set((json.added_tokens as { id: number; special: boolean }[]).filter((t) => t.special).map((t) => t.id));
  for (const id of paddingIds) if (!added.has(id)) viewBad.push(`padding id ${id} is not a special added token`);
  add('two-views-one-model', viewBad, 'tokenizer.json and tokenizer.model hold the same vocabulary, scores order and merges', 'disagreements');

  // 3. Reachability and 3b. character closure.
  add('reachable', unreachable(model, baseSize).map((id) => `${id} ${JSON.stringify(pieces[id]!.piece)}`), 'every new piece encodes to itself', 'unreachable new pieces');
  const normal = new Set(pieces.filter((p) => p.type === PieceType.NORMAL).map((p) => p.piece));
  const closureBad: string[] = [];
  pieces.forEach((p, id) => {
    if (p.type !== PieceType.NORMAL) return;
    for (const ch of p.piece) if (!normal.has(ch)) { closureBad.push(`${id} ${JSON.stringify(p.piece)} lacks ${JSON.stringify(ch)}`); break; }
  });
  add('character-closure', closureBad, 'every character of a piece is a piece', 'pieces with a character that is no piece');
  const policy = standalone ? 'standalone' : opts.policy ?? manifest?.spec?.policy ?? 'japanese-only';
  if (policy === 'japanese-only') {
    const polBad: string[] = [];
    for (let id = baseSize; id < pieces.length; id++) {
      if (pieces[id]!.type === PieceType.NORMAL && !containsJapanese(pieces[id]!.piece)) polBad.push(`${id} ${JSON.stringify(pieces[id]!.piece)}`);
    }
    add('policy-japanese-only', polBad, 'every new piece contains a Japanese character', 'new pieces without Japanese');
  }

  // 4-6. Parity, round trip, base preservation on probes, extra texts and corpus samples.
  const specials = pieces.filter((p) => p.type === PieceType.CONTROL || p.type === PieceType.UNKNOWN).map((p) => p.piece);
  const { texts, fromCorpus, sampled } = await textsToCheck(opts, specials, report);
  const padSet = new Set(paddingIds);
  let rt: Runtimes | undefined;
  try {
    rt = await loadRuntimes(dir);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    add('runtimes-load', [e.message], '', 'runtime cannot load the directory: parity, round-trip, base-language and padding checks were not run');
  }
  const rustIds = rt ? await rustEncodeAll(rt.rust, texts, opts.signal) : [];
  if (rt) {
    const parityBad: string[] = [];
    const rtBad: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      const a = rustIds[i]!;
      const b = rt.js.encode(t, { add_special_tokens: false }).ids;
      const c = rt.spm.encodeIds(t);
      if (!same(a, b) || !same(a, c)) parityBad.push(`${JSON.stringify(t.slice(0, 60))}: rust ${a.length} ids, js ${b.length}, spm ${c.length}`);
      if (i % 32 === 0) {
        await pacer.pace();
        if (i % 1024 === 0) opts.onProgress?.({ stage: 'verify', current: i, total: texts.length });
      }
    }
    const decodedTexts = await rt.rust.decodeBatch(rustIds, false);
    texts.forEach((t, i) => { if (decodedTexts[i] !== t) rtBad.push(JSON.stringify(t.slice(0, 60))); });
    add('parity', parityBad, `tokenizers (Rust), @huggingface/tokenizers and SentencePiece agree on ${texts.length} texts`, 'texts where the runtimes disagree');
    add('round-trip', rtBad, `decode(encode(x)) == x on ${texts.length} texts`, 'texts that do not round-trip');
    if (!standalone) {
      const presBad: string[] = [];
      const lengths = { ours: [] as number[], base: [] as number[] };
      let n = 0;
      for (let i = 0; i < texts.length; i++) {
        const t = texts[i]!;
        if (i % 64 === 0) await pacer.pace();
        const b = baseEnc.encode(t);
        lengths.ours.push(rustIds[i]!.length);
        lengths.base.push(b.length);
        if (policy !== 'japanese-only' || containsJapanese(t)) continue;
        n++;
        if (!same(rustIds[i]!, b)) presBad.push(JSON.stringify(t.slice(0, 60)));
      }
      if (policy === 'japanese-only') add('base-language-preserved', presBad, `${n} texts without Japanese encode exactly as the base`, 'non-Japanese texts encode differently from the base');
      report.addNeverLonger(texts, lengths.ours, lengths.base);
    }

    // 7. Padding tokens never come from text and decode safely.
    const padBad: string[] = [];
    rustIds.forEach((ids, i) => { if (ids.some((id) => padSet.has(id))) padBad.push(`produced by ${JSON.stringify(texts[i]!.slice(0, 40))}`); });
    for (const id of paddingIds) {
      try {
        await rt.rust.decode([id], false);
        rt.js.decode([id]);
        rt.spm.decodeIds([id]);
      } catch (e) {
        padBad.push(`decoding ${id} throws: ${(e as Error).message}`);
      }
    }
    add('padding-tokens', padBad, `${paddingIds.length} padding tokens are special, unproduced, and decode safely`, 'padding problems');
  }

  // 8. Embedding-init metadata.
  const initPath = path.join(dir, 'embedding-init.json');
  const initBad: string[] = [];
  if (standalone) notes.push('a standalone model (train --from-scratch): no base to preserve, no embedding-init.json');
  else if (!fs.existsSync(initPath)) initBad.push('embedding-init.json missing');
  else {
    const init = readJson(initPath);
    if (!Array.isArray(init?.rows)) throw new InputError('not an embedding-init.json (no rows)', initPath, undefined, REBUILD);
    const rows = init.rows as { id: number; piece: string; init: string; from: number[] }[];
    if (rows.length !== pieces.length - baseSize) initBad.push(`${rows.length} rows for ${pieces.length - baseSize} new ids`);
    if (init.base?.vocab_size !== baseSize) initBad.push(`base.vocab_size ${init.base?.vocab_size}`);
    if (init.padded_vocab_size !== pieces.length) initBad.push(`padded_vocab_size ${init.padded_vocab_size}`);
    if (!EMBEDDING_TENSORS.every((t) => init.tensors?.includes(t))) initBad.push(`tensors must name ${EMBEDDING_TENSORS.join(' and ')}`);
    rows.forEach((r, i) => {
      const id = baseSize + i;
      if (r.id !== id || r.piece !== pieces[id]?.piece) initBad.push(`row ${i} is ${r.id} ${JSON.stringify(r.piece)}`);
      else if (padSet.has(id)) { if (r.init !== 'zero' || r.from.length !== 0) initBad.push(`padding ${id} must be zero-init`); }
      else if (r.init !== 'mean' || r.from.length === 0 || r.from.some((f) => f < 3 || f >= baseSize)) initBad.push(`${id} ${JSON.stringify(r.piece)} from ${JSON.stringify(r.from)}`);
      else if (!baseEnc.bytes(r.from).equals(Buffer.from(r.piece, 'utf8'))) initBad.push(`${id} ${JSON.stringify(r.piece)}: from does not concatenate to the piece`);
    });
  }
  if (!standalone) add('embedding-init', initBad, 'one row per new id; decompositions by the base concatenate to their piece, no BOS; padding zero', 'row problems');

  // 9. Artefact hashes recorded in the manifest.
  checkArtefactHashes(dir, manifest, report, opts.beforeManifest);
  return report.finish(sampled > 0 && rt ? efficiencyOf(texts, fromCorpus, rustIds) : undefined);
}
