// The HF BPE family (Llama 3, Qwen3, Gemma 3, any BPE tokenizer.json): explicit ranked merges,
// added tokens, a normaliser/pre-tokeniser chain; extensions append tokens and merges and are
// written as tokenizer.json and its configs.
import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { pieceRule } from '../corpus/policy.js';
import type { Pretokenizer } from '../corpus/pretokenize.js';
import type { HfBase } from '../base/types.js';
import { freeHf } from '../base/free-hf.js';
import { encoderOf, hfPieces, type HfBpe } from '../hf/model.js';
import { hfPretokenizer } from '../hf/pretokenizer.js';
import { rustRuntime } from '../hf/runtime.js';
import { HF_ARTEFACTS } from '../io/manifest-format.js';
import type { BuildSpec } from '../spec.js';
import { assembleHf, decompose, planHf, type HfPlan } from '../plan/hf.js';
import { idsInUse } from '../plan/choose.js';
import type { RowRules } from '../plan/rows.js';
import { breathe, type RunControl } from '../progress.js';
import { hfAlphabet, type Alphabet, type AlphabetOptions } from '../train/alphabet.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import { trainContinued, type TrainOptions, type TrainResult, type TrainedPiece } from '../train/continued.js';
import { verifyHf } from '../verify/hf.js';
import type { VerifyOptions, VerifyReport } from '../verify/report.js';
import type { FreedContext } from '../verify/freed.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { PieceType, type Model, type Piece, type PieceKind, type VocabView } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import { writeHfArtefacts } from '../write/hf-artefacts.js';
import type { Base, PlanSpec, Planned } from './family.js';

/** An HF BPE base. */
export class HfFamily implements Base, HfBase {
  readonly format = 'hf';
  readonly name: string;
  readonly source: string;
  readonly hf: HfBpe;
  readonly config?: Record<string, unknown>;

  constructor(data: HfBase) {
    this.name = data.name;
    this.source = data.source;
    this.hf = data.hf;
    if (data.config) this.config = data.config;
  }

  get size(): number {
    return this.hf.size;
  }

  get byteLevel(): boolean {
    return this.hf.byteLevel;
  }

  get free(): readonly number[] {
    return this.hf.free ?? [];
  }

  freed(removed: readonly number[], compact: boolean): { base: Base; oldToNew: Int32Array } {
    const f = freeHf(this, removed, compact);
    return { base: new HfFamily(f.base), oldToNew: f.oldToNew };
  }

  asModel(): { model: Model; merges: [string, string][] } {
    return {
      model: { pieces: hfPieces(this.hf), trainerSpec: {}, normalizerSpec: {}, paddingIds: [] },
      merges: this.hf.merges,
    };
  }

  pretokenizer(splitByScript: boolean): Pretokenizer {
    return hfPretokenizer(this.hf, splitByScript);
  }

  train(chunks: ChunkSet, spec: AlphabetOptions, o: TrainOptions): Promise<TrainResult> {
    return trainContinued(this.alphabet(spec), chunks, o);
  }

  alphabet(o: AlphabetOptions): Alphabet {
    return hfAlphabet(encoderOf(this.hf), o);
  }

  async plan(
    pieces: readonly TrainedPiece[],
    spec: PlanSpec & Pick<BuildSpec, 'prune'>,
    run: RunControl = {},
  ): Promise<Planned> {
    const p = await planHf(this, pieces, spec, run);
    const byText = new Map(pieces.map((t) => [t.piece, t]));
    return planned(
      p,
      p.tokens.map((t) => byText.get(t.text)!),
    );
  }

  async planRows(
    rows: readonly TrainedPiece[],
    spec: PlanSpec,
    run: RunControl = {},
  ): Promise<{ planned: Planned; bad: number[] }> {
    const a = await assembleHf(this, rows, spec, run);
    return { planned: planned(a.plan, rows.slice()), bad: [...a.bad.keys()].sort((x, y) => x - y) };
  }

  rowRules(): RowRules {
    const rule = (policy: Parameters<RowRules['admits']>[2]) => pieceRule(policy);
    return {
      size: this.size,
      ids: () => {
        const ids = new Map<string, number>();
        this.hf.vocab.forEach((t, id) => {
          if (t !== '' && !ids.has(t)) ids.set(t, id);
        });
        for (const t of this.hf.json.added_tokens) if (!ids.has(t.content)) ids.set(t.content, t.id);
        return ids;
      },
      explicitMerges: true,
      admits: (t, inBase, policy) => {
        if (!this.hf.byteLevel) return rule(policy).text(t.piece);
        const fromNew = t.merge !== undefined && (!inBase.has(t.merge[0]) || !inBase.has(t.merge[1]));
        return rule(policy).bytes(t.piece.length, fromNew, () => tokenToBytes(t.piece) ?? new Uint8Array());
      },
    };
  }

  verify(dir: string, opts: VerifyOptions, freed?: FreedContext): Promise<VerifyReport> {
    return verifyHf(dir, opts, this, freed);
  }

  decomposer(): (piece: string) => number[] {
    const enc = encoderOf(this.hf);
    return (piece) => decompose(enc, piece);
  }

  runtime(): Promise<TokenizerRuntime> {
    return Promise.resolve(rustRuntime(RustTokenizer.fromString(JSON.stringify(this.hf.json))));
  }

  storedFiles(dir: string): Record<string, Buffer> {
    return Object.fromEntries(
      HF_ARTEFACTS.map((n) => path.join(dir, n))
        .filter((f) => fs.existsSync(f))
        .map((f) => [path.basename(f), fs.readFileSync(f)]),
    );
  }
}

/** An HF plan as a Planned: written as tokenizer.json + configs. */
function planned(p: HfPlan, chosen: TrainedPiece[]): Planned {
  return {
    chosen,
    dropped: p.dropped,
    write: async (dir, run = {}) => {
      run.onProgress?.({ stage: 'write', current: 0, total: 1 });
      const artefacts = await writeHfArtefacts(dir, p, run);
      await breathe(run.signal);
      return { artefacts, vocab: await vocabOf(p, run) };
    },
  };
}

/** The extended vocabulary of an HF plan by id. */
async function vocabOf(p: HfPlan, run: RunControl): Promise<VocabView> {
  const size = p.base.hf.size;
  const n = idsInUse(p.base.hf) + p.tokens.length + p.padding.length; // new tokens fill free ids first
  const out: Piece[] = [
    ...hfPieces(p.base.hf),
    ...Array.from({ length: n - size }, () => ({ piece: '', score: 0, type: PieceType.NORMAL })),
  ];
  for (const t of p.tokens) out[t.id] = { piece: t.text, score: 0, type: PieceType.NORMAL };
  for (const q of p.padding) out[q.id] = { piece: q.content, score: 0, type: PieceType.CONTROL };
  await breathe(run.signal);
  const kinds: PieceKind[] = out.map((_, id) => (id < size ? 'base' : 'padding'));
  const counts: (number | null)[] = out.map(() => null);
  await breathe(run.signal);
  for (const t of p.tokens) {
    kinds[t.id] = t.kind;
    counts[t.id] = t.count;
  }
  return {
    format: 'hf',
    pieces: out,
    kinds,
    counts,
    paddingIds: p.padding.map((q) => q.id),
    merges: [...p.base.hf.merges, ...p.tokens.flatMap((t) => (t.merge ? [t.merge] : []))],
    dropped: p.dropped,
    trainerSpec: {},
    normalizerSpec: {},
  };
}
