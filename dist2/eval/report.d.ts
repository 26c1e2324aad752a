import type { EvalResult } from './eval.js';
export declare const esc: (s: string) => string;
export declare const COLORS: string[];
/** Renders the report page. */
export declare function renderReport(r: EvalResult, generated: string): string;
