import type { HfPlan } from '../plan/hf.js';
import { Pacer, type RunControl } from '../progress.js';
/** The extended tokenizer.json as an object (the base's with vocab, merges, added tokens grown).
 * The base's added tokens join the model vocabulary under their own ids: HF tokenizers gives an
 * added token that is not in the vocabulary the id `vocabulary size + its index`, which new
 * tokens after it would otherwise shift (`<|im_end|>` would decode as a new token's id). */
export declare function extendedTokenizerJson(plan: HfPlan, pacer?: Pacer): Promise<Record<string, unknown>>;
/** tokenizer_config.json: the base's, with the padding tokens declared. */
export declare function extendedConfig(plan: HfPlan): Record<string, unknown>;
/** special_tokens_map.json from the config's special tokens. */
export declare function specialTokensMapOf(config: Record<string, unknown>): Record<string, unknown>;
/** Writes every artefact but the manifest; returns their sha256 by file name. */
export declare function writeHfArtefacts(dir: string, plan: HfPlan, run?: RunControl): Promise<Record<string, string>>;
