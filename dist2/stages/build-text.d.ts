import type { BuildSpec } from '../spec.js';
import type { BuildResult } from './build.js';
/** The build's summary, as `tokext build --json` prints it. */
export declare function buildSummary(r: BuildResult): {
    ok: boolean;
    out: string;
    vocab_size: number;
    padded_size: number;
    by_kind: Record<string, number>;
    dropped: number;
    records: number;
    skipped_lines: {
        invalidUtf8: number;
        nul: number;
        badJson: number;
        missingField: number;
    };
    distinct_chunks: number;
    reduction: import("../train/reduce.js").Reduction;
    memory_budget: number;
    timings_ms: Record<string, number>;
    artefacts: Record<string, string>;
    verify_ok: boolean | null;
    version: import("./build.js").RecordedVersion | null;
    notes: string[];
};
/** The build's report as text; `db` is the store it was recorded in. */
export declare function buildText(r: BuildResult, spec: BuildSpec, db?: string): string;
