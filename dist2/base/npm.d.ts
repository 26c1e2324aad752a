/** `npm:NAME@VERSION` of the installed package `pkg` (found from a file it contains). */
export declare function npmSource(pkg: string, file?: string): string;
