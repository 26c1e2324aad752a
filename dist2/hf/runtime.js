/** A loaded Rust tokenizer as a batch runtime. */
export function rustRuntime(tok) {
    return {
        engine: 'tokenizers',
        encodeBatch: async (texts) => (await tok.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds()),
        decodeBatch: (ids) => tok.decodeBatch(ids, false),
    };
}
//# sourceMappingURL=runtime.js.map