import { type CurveResult } from './curve.js';
/** Renders the curve page. */
export declare function renderCurveReport(r: CurveResult, generated: string): string;
