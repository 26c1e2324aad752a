import { manifestHeader, type VerifyRecord } from '../io/manifest-format.js';
import { type BuildSpec } from '../spec.js';
import type { VocabView } from '../vocab/model.js';
import type { TrainResult } from '../train/continued.js';
import type { CountResult } from '../corpus/count.js';
type Manifest = ReturnType<typeof manifestHeader> & Record<string, unknown>;
/** What a manifest records of the base. */
interface BaseFacts {
    name: string;
    source: string;
    size: number;
}
/** Everything a later reader needs to know how a directory was made. */
export declare function buildManifest(a: {
    spec: BuildSpec;
    base: BaseFacts;
    count: CountResult;
    train: TrainResult;
    vocab: VocabView;
    artefacts: Record<string, string>;
    verify?: VerifyRecord;
    timings?: Record<string, number>;
}): Manifest;
/** A standalone model (train --from-scratch). */
export declare function fromScratchManifest(a: {
    spec: BuildSpec;
    vocabSize: number;
    count: CountResult;
    reduction: unknown;
    size: number;
    artefacts: Record<string, string>;
}): Manifest;
/** An extension written from a plan file (tokext write). */
export declare function fromPlanManifest(a: {
    spec: BuildSpec;
    base: BaseFacts;
    format: VocabView['format'];
    planFile: string;
    artefacts: Record<string, string>;
}): Manifest;
/** A stored version that was imported, exported again (what the store knows of it). */
export declare function importedManifest(v: {
    label: string;
    source: string;
    modelType: string;
    size: number;
}): Manifest;
/** A checkpoint grown by init-embeddings. */
export declare function checkpointManifest(a: {
    model: string;
    init: string;
    paddedVocabSize: number;
    rule: string;
    noiseScale: number;
    resized: string[];
    paddingRows: Record<string, string>;
    idMap?: object;
}): Manifest;
export {};
