import type { CurveResult } from './curve.js';
/** curve's result as lines of text. */
export declare function renderCurveText(r: CurveResult): string[];
