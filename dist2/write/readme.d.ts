/** The README name in output directories. */
export declare const README_NAME = "README.md";
/** The README text for a directory whose manifest is `m`. */
export declare function outputReadme(m: any): string;
