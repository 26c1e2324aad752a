import type { Model } from '../vocab/model.js';
/** tokenizer_config.json in the Llama/Mistral (legacy) convention, extra tokens declared, loaded by
 * transformers 4 and 5 as the tokenizer.json it is: PreTrainedTokenizerFast (transformers 5 rebuilds
 * a LlamaTokenizer's pre-tokenizer, which changes ids where a segment starts with a space) and
 * fix_mistral_regex false (above 100,000 ids transformers may advise fix_mistral_regex=True, which
 * turns Japanese into byte-level junk). No add_prefix_space (it forces a re-conversion in v4). */
export declare function tokenizerConfig(model: Model): object;
/** special_tokens_map.json. */
export declare function specialTokensMap(model: Model): object;
