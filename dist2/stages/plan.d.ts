import { type RunControl } from '../progress.js';
/** `tokext plan`: the trained pieces that fill exactly --target ids (reachable ones), padding to --pad-to. */
export declare function planPieces(piecesFile: string, out: string, overrides: {
    target?: number;
    padTo?: number;
    force?: boolean;
}, run?: RunControl): Promise<{
    rows: number;
    dropped: number;
}>;
