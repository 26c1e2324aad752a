// A tokenizer runtime behind one batch interface (SentencePiece or HF tokenizers), as eval uses it.
export {};
//# sourceMappingURL=runtime.js.map