import { z } from 'zod';
/** The tool's name and version (the version is package.json's, read once). */
export declare const TOOL: {
    readonly name: "tokext";
    readonly version: string;
};
/** Largest vocabulary (ids) tokext builds: the trainer packs two ids into one 42-bit tie-break key. */
export declare const MAX_VOCAB: number;
/** The reference job's numbers live here and nowhere else. */
export declare const DEFAULTS: {
    readonly base: "mistral-7b-v0.1";
    readonly baseSize: 32000;
    readonly target: 120073;
    readonly padTo: 120128;
    readonly padMultiple: 64;
    readonly padPrefix: "<|extra_";
    readonly characterCoverage: 0.9995;
    readonly textField: "text";
    readonly maxKeepLoss: 0.005;
};
/** Default --pad-to for a target: the next multiple of 64 (120,073 -> 120,128). */
export declare function defaultPadTo(target: number): number;
/** A corpus source with a sampling weight (lines are counted `weight` times). */
export interface CorpusSource {
    path: string;
    weight: number;
}
/** All options of a build (SentencePiece's TrainerSpec in spirit). */
export interface BuildSpec {
    base: string;
    corpora: CorpusSource[];
    counts: string[];
    textField: string;
    target: number;
    padTo: number;
    characterCoverage: number;
    allowNonJapanese: boolean;
    maxPieceLength: number;
    minPairCount: number;
    skipInvalid: boolean;
    splitByScript: boolean;
    balance: number;
    prune: number;
    padPrefix: string;
    replace?: number;
    trimTo?: number;
    keepCorpora?: string[];
    maxKeepLoss?: number;
}
/** The values a numeric field allows: [min, max], or (min, max] when `openMin`; whole numbers when `whole`. */
export interface Range {
    min: number;
    max: number;
    openMin?: boolean;
    whole?: boolean;
}
/** The allowed values of each numeric BuildSpec field: the spec schema and the CLI's parsers both read these. */
export declare const SPEC_RANGES: {
    readonly target: {
        readonly min: 1;
        readonly max: number;
        readonly whole: true;
    };
    readonly padTo: {
        readonly min: 1;
        readonly max: number;
        readonly whole: true;
    };
    readonly characterCoverage: {
        readonly min: 0;
        readonly max: 1;
        readonly openMin: true;
    };
    readonly maxPieceLength: {
        readonly min: 1;
        readonly max: 1024;
        readonly whole: true;
    };
    readonly minPairCount: {
        readonly min: 1;
        readonly max: number;
        readonly whole: true;
    };
    readonly balance: {
        readonly min: 0;
        readonly max: 1;
    };
    readonly prune: {
        readonly min: 0;
        readonly max: 4;
    };
    readonly replace: {
        readonly min: 1;
        readonly max: number;
        readonly whole: true;
    };
    readonly trimTo: {
        readonly min: 1;
        readonly max: number;
        readonly whole: true;
    };
    readonly maxKeepLoss: {
        readonly min: 0;
        readonly max: 1;
    };
};
/** Is `x` one of the values `r` allows? */
export declare function inRange(r: Range, x: number): boolean;
/** A range as messages say it: "between 1 and 2,097,152", "at least 1", "in (0, 1]". */
export declare function rangeText(r: Range): string;
/** A non-empty string (a schema part the library's entry points share). */
export declare const nonEmptyText: z.ZodString;
/** A boolean. */
export declare const trueOrFalse: z.ZodBoolean;
/** A function (a callback). */
export declare const aFunction: z.ZodCustom<(...args: never[]) => unknown, (...args: never[]) => unknown>;
/** The one schema of a BuildSpec: the library's entry points and the CLI's specFrom both check a spec with it. */
export declare const buildSpecSchema: z.ZodType<BuildSpec>;
/** `true` when `Shape` (a schema's output) names every key of `T`, else the missing keys: declaring
 * `const covered: CoversKeys<T, z.infer<typeof schema>> = true` makes tsc fail when a field is added to T but not to its schema. */
export type CoversKeys<T, Shape> = [Exclude<keyof T, keyof Shape>] extends [never] ? true : Exclude<keyof T, keyof Shape>;
/** How a checked value's field is named in messages: `spec.padTo` for the library, `--pad-to` for the CLI. */
export type FieldNamer = (field: string) => string;
/** `value` as `schema` describes it, or a UsageError naming the first wrong field (`what.field (value) problem`). */
export declare function checkAs<S extends z.ZodType>(schema: S, value: unknown, what: string, name?: FieldNamer): z.infer<S>;
/** `spec` itself once checked against the BuildSpec schema (bounds, types, pad-to ≥ target, one source of text):
 * every library entry point calls it first, so a bad spec is a UsageError naming the field, never a raw TypeError. */
export declare function checkSpec(spec: unknown, name?: FieldNamer): BuildSpec;
/** Things a valid spec's author may not have meant: padding far beyond the target (padTo kept from defaultSpec). */
export declare function specNotes(spec: Pick<BuildSpec, 'target' | 'padTo'>): string[];
/** Defaults for every field but the corpora. */
export declare function defaultSpec(corpora?: CorpusSource[]): BuildSpec;
/** What new pieces may contain, as manifests and verify name it. */
export type Policy = 'japanese-only' | 'allow-non-japanese';
/** The policy of a spec. */
export declare function policyOf(spec: Pick<BuildSpec, 'allowNonJapanese'>): Policy;
/** How a spec frees base ids: 'replace', 'trim', or undefined when it only grows the base. */
export declare function freeModeOf(spec: Pick<BuildSpec, 'replace' | 'trimTo'>): 'replace' | 'trim' | undefined;
/** The name of padding token i. */
export declare function padToken(spec: Pick<BuildSpec, 'padPrefix'>, i: number): string;
/** Is `piece` a padding token's name (`padToken` of some i)? */
export declare function isPaddingName(piece: string, padPrefix?: string): boolean;
