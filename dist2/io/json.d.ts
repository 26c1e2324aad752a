/** Parses the JSON file `file`; `hint` tells the user how to get a good one. */
export declare function readJsonFile(file: string, hint?: string): unknown;
