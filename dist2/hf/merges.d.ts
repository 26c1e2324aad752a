/** A tokenizer.json merge entry, written as "a b" or ["a", "b"], as its two parts. */
export declare function mergePair(m: string | readonly string[]): [string, string];
