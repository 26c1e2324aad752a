import type { BuildResult, RecordedVersion } from '../stages/build.js';
import type { BuildSpec } from '../spec.js';
/** A store opened and checked before a build starts; `record` commits the build's output and its version as one outcome. */
export interface Recorder {
    file: string;
    record: (r: BuildResult, manifestText: string, swapIn: () => void, dir: string) => RecordedVersion;
    close: () => void;
}
/** Opens the store (creating it) and checks the label before any work, so a bad --db or a taken label fails fast. */
export declare function openRecorder(dbFile: string, label: string | undefined, spec: BuildSpec): Recorder;
/** Imports any SentencePiece .model or tokenizer.json (or a directory of one) as a version. */
export declare function importTokenizer(dbFile: string, p: string, label: string): {
    id: number;
    label: string;
    size: number;
    modelType: string;
};
