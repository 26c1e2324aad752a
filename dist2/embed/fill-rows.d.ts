import type { OnProgress, Pacer } from '../progress.js';
import { type PieceScripts } from './norm-mean.js';
import type { RowPlan } from './row-plan.js';
import { type PacedWriter, type SafetensorsHeader, type TensorInfo } from './safetensors.js';
/** Initialisation rules. mean: each new row the mean of its base decomposition (rows without one: a hewitt
 * draw); hewitt: every new row a draw from N(mean, noiseScale · diag var) of the base rows (Hewitt 2021),
 * decompositions ignored; norm-mean: the decomposition's mean rescaled to the median L2 norm of the base rows
 * of its piece's script (a mean of several rows is shorter than a real row; NVIDIA Nemotron's recipe). */
export type InitRule = 'mean' | 'hewitt' | 'norm-mean';
/** The rules, for the CLI's choices and the option check. */
export declare const INIT_RULES: readonly ["mean", "hewitt", "norm-mean"];
/** What the rules read of the options. */
export interface RuleOptions {
    rule: InitRule;
    seed: number;
    noiseScale: number;
    onProgress?: OnProgress;
}
/** How padding rows of tensor `name` are filled: the output layer's (and a tied matrix, which is
 * the output layer too) with the mean of the base rows, so a padding token's logit is an average
 * token's rather than 0, which can outrank real tokens where most logits are negative (as
 * transformers' mean_resizing); input embeddings with zeros (a padding token is never produced). */
export declare function paddingRule(name: string, headName: string, tied: boolean): 'mean' | 'zero';
/** What writing one shard needs besides the shard itself. */
export interface ShardRun {
    plan: RowPlan;
    o: RuleOptions;
    pacer: Pacer;
    scripts?: PieceScripts;
}
/** Writes the resized matrix for one tensor: the leading base rows in one piece, then every other row in chunks
 * (a kept row copied bit for bit from its old place, the others initialised). */
export declare function writeResized(out: PacedWriter, h: SafetensorsHeader, name: string, t: TensorInfo, run: ShardRun, padding: 'mean' | 'zero'): Promise<void>;
