/** Translates an Oniguruma pattern of the kind HF tokenizers ship into a JS RegExp (flags gu);
 * throws on a construct it does not know, so an unsupported base is refused before any work. */
export declare function onigRegex(pattern: string): RegExp;
