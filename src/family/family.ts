// What a base family must provide. tokext extends tokenizers of several families (SentencePiece
// BPE: Mistral, Llama 2; HF BPE tokenizer.json: Llama 3, Qwen3, Gemma 3, …); each is one
// implementation of `Base` (family/sentencepiece.ts, family/hf.ts), chosen where a tokenizer is
// recognised (family/load.ts, the only place that asks which family a tokenizer is). The stages,
// verify, eval and the store call these methods and never ask.
//
// To add a family: write its data reader (src/base/), its planner (src/plan/), its writer
// (src/write/) and its verify checks (src/verify/), then one class here implementing `Base`
// that joins them, and recognise its files in family/load.ts.
import type { Pretokenizer } from '../corpus/pretokenize.js';
import type { BuildSpec } from '../spec.js';
import type { RowRules } from '../plan/rows.js';
import type { RunControl } from '../progress.js';
import type { Alphabet, AlphabetOptions } from '../train/alphabet.js';
import type { ChunkSet } from '../corpus/chunk-store.js';
import type { TrainOptions, TrainResult, TrainedPiece } from '../train/continued.js';
import type { VerifyOptions, VerifyReport } from '../verify/report.js';
import type { FreedContext } from '../verify/freed.js';
import type { Model, VocabView } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';

/** The spec fields that shape a plan: its size, its padding, and (when choosing) pruning. */
export type PlanSpec = Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'trimTo'>;

/** An extension planned over a base, ready to write. */
export interface Planned {
  /** The new pieces in id order (the trained pieces themselves). */
  chosen: TrainedPiece[];
  /** Trained pieces the plan left out, and why. */
  dropped: { piece: string; reason: string }[];
  /** Writes the family's artefacts into `dir`; returns the vocabulary and the artefacts' hashes. */
  write(dir: string, run?: RunControl): Promise<{ vocab: VocabView; artefacts: Record<string, string> }>;
}

/** A base tokenizer of some family, and everything the pipeline does that depends on the family. */
export interface Base {
  /** Display name (a bundled name, or the directory's or file's name). */
  readonly name: string;
  /** Where it came from: `npm:package@version` or an absolute path. */
  readonly source: string;
  /** The format its extensions are written in (manifest.json's `format`). */
  readonly format: VocabView['format'];
  /** Ids the base uses (HF: one past the highest model or added token id). */
  readonly size: number;
  /** Tokens are byte-level strings (GPT-2's byte alphabet). */
  readonly byteLevel: boolean;
  /** Ids below `size` without a piece, which new pieces take first, lowest first (a base with
   * pieces freed by --replace; empty otherwise). */
  readonly free: readonly number[];

  /** The base as pieces and ranked merges (HF tokens as pieces), for diff, eval and the store. */
  asModel(): { model: Model; merges: [string, string][] };
  /** How the base turns text into the chunks training counts: its normalisation and chunk rule. */
  pretokenizer(splitByScript: boolean): Pretokenizer;
  /** The alphabet continued training runs on, and --replace's usage counts encode with. */
  alphabet(o: AlphabetOptions): Alphabet;
  /** New pieces learned from the counted chunks over this base, in the order a plan takes them
   * (BPE: continued training, merge order; Unigram: EM with the base's scores fixed). */
  train(chunks: ChunkSet, spec: AlphabetOptions, o: TrainOptions): Promise<TrainResult>;
  /** The extension by trained `pieces`: the first (or, with pruning, the kept) reachable ones
   * until exactly `spec.target` ids, then padding. */
  plan(pieces: readonly TrainedPiece[], spec: PlanSpec & Pick<BuildSpec, 'prune'>, run?: RunControl): Promise<Planned>;
  /** The extension with exactly `rows` as its new pieces (a plan file's), and the rows it cannot
   * have (unreachable, or made from a token that is not there), by index. */
  planRows(
    rows: readonly TrainedPiece[],
    spec: PlanSpec,
    run?: RunControl,
  ): Promise<{ planned: Planned; bad: number[] }>;
  /** How a plan file's rows are checked against this base. */
  rowRules(): RowRules;
  /** Every check of DESIGN.md on `dir`, an extension of this base; `freed`: this base is the
   * original without the pieces `dir` freed (its id map and the original, for their own checks). */
  verify(dir: string, opts: VerifyOptions, freed?: FreedContext): Promise<VerifyReport>;
  /** How the base's own tokenizer splits a new piece's text (no BOS, no dummy prefix): the ids
   * its embedding row starts from, and what the workbench shows. */
  decomposer(): (piece: string) => number[];
  /** The base in a runtime (for eval). */
  runtime(): Promise<TokenizerRuntime>;
  /** This base without the pieces `removed` (ids): their ids left free for new pieces, or with
   * `compact`, every id above renumbered down (--trim-to); and each old id's new id (-1: removed). */
  freed(removed: readonly number[], compact: boolean): { base: Base; oldToNew: Int32Array };
  /** The files the store keeps of a tokenizer of this family read from `dir` (undefined: the
   * store keeps the model alone). */
  storedFiles(dir: string): Record<string, Buffer> | undefined;
}
