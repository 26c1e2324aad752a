/** The file's name beside the artefacts. */
export declare const ID_MAP_NAME = "id-map.json";
/** The format tag of id-map.json. */
export declare const ID_MAP_FORMAT = "tokext.id-map/1";
/** Where a new id's row comes from. */
export type IdSource = 'kept' | 'replaced' | 'new' | 'padding';
/** The modes that free base ids. */
export type FreeMode = 'replace' | 'trim';
/** id-map.json as written and read. */
export interface IdMap {
    format: typeof ID_MAP_FORMAT;
    mode: FreeMode;
    base: {
        name: string;
        vocab_size: number;
    };
    vocab_size: number;
    padded_vocab_size: number;
    /** By old id: its new id, or -1 when the piece was removed (length base.vocab_size). */
    old_to_new: number[];
    /** By new id: the old id whose row it keeps, or -1 (length padded_vocab_size). */
    new_to_old: number[];
    /** By new id: where its row comes from (length padded_vocab_size). */
    source: IdSource[];
    /** The removed base pieces, by old id, with their text. */
    removed: {
        id: number;
        piece: string;
    }[];
}
/** Why `m` is not a consistent map (the two directions agree, sources match), or undefined. */
export declare function idMapProblem(m: IdMap): string | undefined;
/** Reads and checks id-map.json (an InputError naming the file when it is not a consistent map). */
export declare function readIdMap(file: string): IdMap;
