/** A binary heap whose top is the item `first` puts before all others. */
export declare class BinaryHeap<T> {
    private readonly first;
    private readonly items;
    /** @param first does `a` come before `b`? */
    constructor(first: (a: T, b: T) => boolean);
    get size(): number;
    push(x: T): void;
    /** Removes and returns the top item (undefined when empty). */
    pop(): T | undefined;
}
