// The SentencePiece BPE family (Mistral, Llama 2, a SentencePiece-form tokenizer.json): pieces
// with scores whose every split is a merge; extensions append pieces with falling scores and are
// written as tokenizer.model and tokenizer.json together.
import { deriveMerges, deriveMergesPaced } from '../bpe/derive.js';
import { pieceRule } from '../corpus/policy.js';
import { sentencePiecePretokenizer, type Pretokenizer } from '../corpus/pretokenize.js';
import type { SentencePieceBase } from '../base/types.js';
import { freeSentencePiece } from '../base/free-sentencepiece.js';
import { idsInUse, newIds } from '../plan/choose.js';
import type { BuildSpec } from '../spec.js';
import { assembleSentencePiece, planSentencePiece, type Plan } from '../plan/sentencepiece.js';
import { idsOfPieces, type RowRules } from '../plan/rows.js';
import type { RunControl } from '../progress.js';
import { loadSpmModel, spmRuntime } from '../spm/runtime.js';
import { sentencePieceAlphabet, type Alphabet, type AlphabetOptions } from '../train/alphabet.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import { trainContinued, type TrainOptions, type TrainResult, type TrainedPiece } from '../train/continued.js';
import { verifySentencePiece } from '../verify/spm.js';
import type { VerifyOptions, VerifyReport } from '../verify/report.js';
import type { FreedContext } from '../verify/freed.js';
import type { Model } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import { BPE_FORMS, writeArtefacts, type SentencePieceForms } from '../write/artefacts.js';
import { bpeDecomposer } from '../write/embedding-init.js';
import type { Base, PlanSpec, Planned } from './family.js';

/** A SentencePiece BPE base. */
export class SentencePieceFamily implements Base, SentencePieceBase {
  readonly format = 'sentencepiece';
  readonly byteLevel = false;
  readonly name: string;
  readonly source: string;
  readonly model: Model;
  readonly merges?: [string, string][];
  readonly free: readonly number[];

  constructor(data: SentencePieceBase) {
    this.name = data.name;
    this.source = data.source;
    this.model = data.model;
    if (data.merges) this.merges = data.merges;
    this.free = data.free ?? [];
  }

  get size(): number {
    return this.model.pieces.length;
  }

  asModel(): { model: Model; merges: [string, string][] } {
    return { model: this.model, merges: this.merges ?? deriveMerges(this.model.pieces) };
  }

  pretokenizer(splitByScript: boolean): Pretokenizer {
    return sentencePiecePretokenizer({
      addDummyPrefix: this.model.normalizerSpec.add_dummy_prefix !== false,
      splitByScript,
    });
  }

  train(chunks: ChunkSet, spec: AlphabetOptions, o: TrainOptions): Promise<TrainResult> {
    return trainContinued(this.alphabet(spec), chunks, o);
  }

  alphabet(o: AlphabetOptions): Alphabet {
    return sentencePieceAlphabet(this.model, o);
  }

  async plan(
    pieces: readonly TrainedPiece[],
    spec: PlanSpec & Pick<BuildSpec, 'prune'>,
    run: RunControl = {},
  ): Promise<Planned> {
    const p = await planSentencePiece(this.model, pieces, spec, run, this.free);
    const byText = new Map(pieces.map((t) => [t.piece, t]));
    const ids = newIds(this, spec.target - idsInUse(this));
    const chosen = ids.map((id) => byText.get(p.model.pieces[id]!.piece)!);
    return this.planned(p, chosen);
  }

  async planRows(
    rows: readonly TrainedPiece[],
    spec: PlanSpec,
    run: RunControl = {},
  ): Promise<{ planned: Planned; bad: number[] }> {
    const a = await assembleSentencePiece(this.model, rows, spec, run, this.free);
    return { planned: this.planned(a.plan, rows.slice()), bad: a.unreachable };
  }

  rowRules(): RowRules {
    return {
      size: this.size,
      ids: () => idsOfPieces(this.model.pieces),
      explicitMerges: false,
      admits: (t, _inBase, policy) => pieceRule(policy).text(t.piece),
    };
  }

  verify(dir: string, opts: VerifyOptions, freed?: FreedContext): Promise<VerifyReport> {
    return verifySentencePiece(dir, opts, this, freed);
  }

  decomposer(): (piece: string) => number[] {
    return bpeDecomposer(this.model);
  }

  runtime(): Promise<TokenizerRuntime> {
    return spmRuntime(loadSpmModel(this.model));
  }

  freed(removed: readonly number[], compact: boolean): { base: Base; oldToNew: Int32Array } {
    const f = freeSentencePiece(this, removed, compact);
    return { base: new SentencePieceFamily(f.base), oldToNew: f.oldToNew };
  }

  storedFiles(): undefined {
    return undefined;
  }

  /** A plan of this base as a Planned: written as tokenizer.model + tokenizer.json + configs. */
  private planned(p: Plan, chosen: TrainedPiece[]): Planned {
    return plannedModel(p, chosen, this, BPE_FORMS, (signal) => deriveMergesPaced(p.model.pieces, signal));
  }
}

/** A SentencePiece-format plan (BPE or Unigram) as a Planned: written as tokenizer.model +
 * tokenizer.json (in `forms`) + configs over `base`, its merge list by `merges`. */
export function plannedModel(
  p: Plan,
  chosen: TrainedPiece[],
  base: { name: string; model: Model },
  forms: SentencePieceForms,
  merges: (signal?: AbortSignal) => Promise<[string, string][]>,
): Planned {
  return {
    chosen,
    dropped: p.dropped,
    write: async (dir, run = {}) => {
      run.onProgress?.({ stage: 'write', current: 0, total: 1 });
      const mergeList = await merges(run.signal); // derived once, for tokenizer.json and the record
      const once = { ...forms, tokenizerJson: (m: Model) => forms.tokenizerJson(m, mergeList) };
      const artefacts = await writeArtefacts(dir, p.model, base, p.kinds, run, once);
      return {
        artefacts,
        vocab: {
          format: 'sentencepiece',
          pieces: p.model.pieces,
          kinds: p.kinds,
          counts: p.counts,
          paddingIds: p.model.paddingIds,
          merges: mergeList,
          dropped: p.dropped,
          trainerSpec: p.model.trainerSpec,
          normalizerSpec: p.model.normalizerSpec,
        },
      };
    },
  };
}
