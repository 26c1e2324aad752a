import { type Model } from './model.js';
/** The lowest regular score of the base; new piece k (0-based) gets this minus (k + 1). */
export declare function appendScoreOrigin(model: Model): number;
