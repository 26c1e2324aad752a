/** Binary heap; the caller validates popped entries against live counts. */
export declare class PairHeap {
    private readonly tie;
    private counts;
    private keys;
    private n;
    /** @param tie smaller ties pop first among equal counts */
    constructor(tie?: (key: number) => number);
    get size(): number;
    /** Bytes held. */
    get bytes(): number;
    private above;
    private swap;
    private grow;
    push(count: number, key: number): void;
    /** Removes the top; returns [count, key] or undefined when empty. */
    pop(): [number, number] | undefined;
}
