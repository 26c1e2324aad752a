import type { Pretokenizer } from '../corpus/pretokenize.js';
import type { HfBase } from '../base/types.js';
import { type HfBpe } from '../hf/model.js';
import type { BuildSpec } from '../spec.js';
import type { RowRules } from '../plan/rows.js';
import { type RunControl } from '../progress.js';
import { type Alphabet, type AlphabetOptions } from '../train/alphabet.js';
import type { TrainedPiece } from '../train/continued.js';
import type { VerifyOptions, VerifyReport } from '../verify/report.js';
import type { FreedContext } from '../verify/freed.js';
import { type Model } from '../vocab/model.js';
import type { TokenizerRuntime } from '../vocab/runtime.js';
import type { Base, PlanSpec, Planned } from './family.js';
/** An HF BPE base. */
export declare class HfFamily implements Base, HfBase {
    readonly format = "hf";
    readonly name: string;
    readonly source: string;
    readonly hf: HfBpe;
    readonly config?: Record<string, unknown>;
    constructor(data: HfBase);
    get size(): number;
    get byteLevel(): boolean;
    get free(): readonly number[];
    freed(removed: readonly number[], compact: boolean): {
        base: Base;
        oldToNew: Int32Array;
    };
    asModel(): {
        model: Model;
        merges: [string, string][];
    };
    pretokenizer(splitByScript: boolean): Pretokenizer;
    alphabet(o: AlphabetOptions): Alphabet;
    plan(pieces: readonly TrainedPiece[], spec: PlanSpec & Pick<BuildSpec, 'prune'>, run?: RunControl): Promise<Planned>;
    planRows(rows: readonly TrainedPiece[], spec: PlanSpec, run?: RunControl): Promise<{
        planned: Planned;
        bad: number[];
    }>;
    rowRules(): RowRules;
    verify(dir: string, opts: VerifyOptions, freed?: FreedContext): Promise<VerifyReport>;
    runtime(): Promise<TokenizerRuntime>;
    storedFiles(dir: string): Record<string, Buffer>;
}
