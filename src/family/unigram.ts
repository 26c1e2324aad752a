// The SentencePiece Unigram family (llm-jp, rinna, T5): pieces with log-probability scores and no
// merges; text is encoded by Viterbi. An extension keeps every base piece (id, text, type, score),
// appends pieces learned by EM with the base's scores held fixed, each with its estimated score,
// and is written as tokenizer.model and a Unigram tokenizer.json together.
import { UsageError } from '../errors.js';
import { spmNormalization } from '../hf/unigram-json.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import { pieceRule } from '../corpus/policy.js';
import { sentencePiecePretokenizer, type Pretokenizer } from '../corpus/pretokenize.js';
import type { BuildSpec } from '../spec.js';
import { assembleUnigram, planUnigram } from '../plan/unigram.js';
import type { Plan } from '../plan/sentencepiece.js';
import { idsOfPieces, type RowRules } from '../plan/rows.js';
import type { RunControl } from '../progress.js';
import { loadSpmModel, spmRuntime } from '../spm/runtime.js';
import type { Alphabet, AlphabetOptions } from '../train/alphabet.js';
import type { TrainOptions, TrainResult, TrainedPiece } from '../train/continued.js';
import { trainUnigramOnChunks } from '../train/unigram.js';
import { verifyUnigram } from '../verify/unigram.js';
import type { VerifyOptions, VerifyReport } from '../verify/report.js';
import type { Model } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import { UNIGRAM_FORMS } from '../write/artefacts.js';
import { viterbiDecomposer } from '../write/embedding-init.js';
import type { Base, PlanSpec, Planned } from './family.js';
import { plannedModel } from './sentencepiece.js';

/** What a Unigram base is made of. */
export interface UnigramBaseData {
  name: string;
  source: string;
  model: Model;
}

/** Why a Unigram base cannot do what only BPE bases do. */
const notForUnigram = (what: string) =>
  new UsageError(
    `${what} is not supported for a SentencePiece Unigram base yet (its pieces have no merge graph to free leaves from)`,
    'extend it by growing the vocabulary (--target), or use a BPE base',
  );

/** A SentencePiece Unigram base. */
export class UnigramFamily implements Base {
  readonly format = 'sentencepiece';
  readonly byteLevel = false;
  readonly free: readonly number[] = [];
  readonly name: string;
  readonly source: string;
  readonly model: Model;

  constructor(data: UnigramBaseData) {
    this.name = data.name;
    this.source = data.source;
    this.model = data.model;
  }

  get size(): number {
    return this.model.pieces.length;
  }

  asModel(): { model: Model; merges: [string, string][] } {
    return { model: this.model, merges: [] };
  }

  pretokenizer(splitByScript: boolean): Pretokenizer {
    return sentencePiecePretokenizer({
      addDummyPrefix: this.model.normalizerSpec.add_dummy_prefix !== false,
      splitByScript,
      nfkc: spmNormalization(this.model).charsmap !== '',
    });
  }

  alphabet(): Alphabet {
    throw notForUnigram('--replace or --trim-to');
  }

  train(chunks: ChunkSet, spec: AlphabetOptions, o: TrainOptions): Promise<TrainResult> {
    return trainUnigramOnChunks(this.model, chunks, spec, o);
  }

  async plan(pieces: readonly TrainedPiece[], spec: PlanSpec & Pick<BuildSpec, 'prune'>, run: RunControl = {}) {
    if (spec.prune > 0) throw new UsageError('--prune is for BPE bases: Unigram training already prunes by loss');
    const p = await planUnigram(this.model, pieces, spec, run);
    const byText = new Map(pieces.map((t) => [t.piece, t]));
    const chosen = p.model.pieces.slice(this.size, spec.target).map((q) => byText.get(q.piece)!);
    return this.planned(p, chosen);
  }

  async planRows(
    rows: readonly TrainedPiece[],
    spec: PlanSpec,
    run: RunControl = {},
  ): Promise<{ planned: Planned; bad: number[] }> {
    const a = await assembleUnigram(this.model, rows, spec, run);
    return { planned: this.planned(a.plan, rows.slice()), bad: a.unreachable };
  }

  rowRules(): RowRules {
    return {
      size: this.size,
      ids: () => idsOfPieces(this.model.pieces),
      explicitMerges: false,
      admits: (t, _inBase, policy) => t.score !== undefined && pieceRule(policy).text(t.piece),
    };
  }

  verify(dir: string, opts: VerifyOptions): Promise<VerifyReport> {
    return verifyUnigram(dir, opts, this);
  }

  decomposer(): (piece: string) => number[] {
    return viterbiDecomposer(this.model);
  }

  runtime(): Promise<TokenizerRuntime> {
    return spmRuntime(loadSpmModel(this.model));
  }

  freed(): never {
    throw notForUnigram('--replace or --trim-to');
  }

  storedFiles(): undefined {
    return undefined;
  }

  /** A plan of this base as a Planned: written as tokenizer.model + a Unigram tokenizer.json + configs. */
  private planned(p: Plan, chosen: TrainedPiece[]): Planned {
    return plannedModel(p, chosen, this, UNIGRAM_FORMS, () => Promise.resolve([]));
  }
}
