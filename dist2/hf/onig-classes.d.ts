/** \p{L} */
export declare const LETTER: readonly (readonly [number, number?])[];
/** \p{N} */
export declare const NUMBER: readonly (readonly [number, number?])[];
/** \s */
export declare const SPACE_CLASS: readonly (readonly [number, number?])[];
