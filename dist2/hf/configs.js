import { addedTokens, specialTokens } from './tokenizer-json.js';
const tokenObj = (content) => ({
    content,
    lstrip: false,
    normalized: false,
    rstrip: false,
    single_word: false,
});
/** tokenizer_config.json in the Llama/Mistral (legacy) convention, extra tokens declared, loaded by
 * transformers 4 and 5 as the tokenizer.json it is: PreTrainedTokenizerFast (transformers 5 rebuilds
 * a LlamaTokenizer's pre-tokenizer, which changes ids where a segment starts with a space) and
 * fix_mistral_regex false (above 100,000 ids transformers may advise fix_mistral_regex=True, which
 * turns Japanese into byte-level junk). No add_prefix_space (it forces a re-conversion in v4). */
export function tokenizerConfig(model) {
    const s = specialTokens(model);
    const decoder = {};
    for (const t of addedTokens(model)) {
        decoder[String(t.id)] = {
            content: t.content,
            lstrip: false,
            normalized: false,
            rstrip: false,
            single_word: false,
            special: true,
        };
    }
    return {
        add_bos_token: true,
        add_eos_token: false,
        added_tokens_decoder: decoder,
        additional_special_tokens: model.paddingIds.map((id) => model.pieces[id].piece),
        bos_token: s.bos,
        clean_up_tokenization_spaces: false,
        eos_token: s.eos,
        fix_mistral_regex: false,
        legacy: true,
        model_max_length: 1e30,
        pad_token: null,
        sp_model_kwargs: {},
        spaces_between_special_tokens: false,
        tokenizer_class: 'PreTrainedTokenizerFast',
        unk_token: s.unk,
        use_default_system_prompt: false,
    };
}
/** special_tokens_map.json. */
export function specialTokensMap(model) {
    const s = specialTokens(model);
    return {
        additional_special_tokens: model.paddingIds.map((id) => tokenObj(model.pieces[id].piece)),
        bos_token: tokenObj(s.bos),
        eos_token: tokenObj(s.eos),
        unk_token: tokenObj(s.unk),
    };
}
//# sourceMappingURL=configs.js.map