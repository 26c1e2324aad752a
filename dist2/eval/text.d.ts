import type { EvalResult } from './eval.js';
/** eval's result as lines of text. */
export declare function renderEvalText(r: EvalResult, listDead: boolean): string[];
