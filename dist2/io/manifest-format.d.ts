import { z } from 'zod';
/** File names of the artefacts a build writes beside manifest.json, in the order they are written. */
export declare const ARTEFACTS: readonly ["tokenizer.json", "tokenizer.model", "tokenizer_config.json", "special_tokens_map.json", "embedding-init.json"];
/** The artefacts of an HF-base build: no SentencePiece model. */
export declare const HF_ARTEFACTS: ("tokenizer.json" | "tokenizer_config.json" | "special_tokens_map.json" | "embedding-init.json")[];
/** Chars per token (no BOS) that verify measured on a corpus sample. */
export interface Efficiency {
    texts: number;
    chars: number;
    tokens: number;
    chars_per_token: number;
}
/** What a manifest records of a verify run. */
export interface VerifyRecord {
    ok: boolean;
    checks: {
        name: string;
        ok: boolean;
        detail: string;
    }[];
    efficiency?: Efficiency;
}
/** The manifest schema version; 1 had no `kind` (readers infer it: see manifestKind). */
export declare const MANIFEST_VERSION = 2;
/** What made a directory. */
export type ManifestKind = 'build' | 'from-scratch' | 'from-plan' | 'imported' | 'checkpoint';
/** The fields every manifest starts with. */
export declare function manifestHeader(kind: ManifestKind): {
    format: string;
    kind: ManifestKind;
    tool: {
        name: string;
        version: string;
    };
};
/** The kind of a manifest of any version. */
export declare function manifestKind(m: {
    kind?: string;
    mode?: string;
    from_plan?: string;
    imported?: object;
} | undefined): ManifestKind | undefined;
/** A standalone model (train --from-scratch): no base it extends. */
export declare function isStandalone(m: Parameters<typeof manifestKind>[0]): boolean;
/** What readers rely on in a manifest of any kind and version (every field optional; the rest kept). */
declare const manifestSchema: z.ZodObject<{
    format: z.ZodOptional<z.ZodString>;
    kind: z.ZodOptional<z.ZodEnum<{
        build: "build";
        "from-scratch": "from-scratch";
        "from-plan": "from-plan";
        imported: "imported";
        checkpoint: "checkpoint";
    }>>;
    mode: z.ZodOptional<z.ZodString>;
    from_plan: z.ZodOptional<z.ZodString>;
    imported: z.ZodOptional<z.ZodObject<{}, z.core.$loose>>;
    spec: z.ZodOptional<z.ZodObject<{
        base: z.ZodOptional<z.ZodString>;
        target: z.ZodOptional<z.ZodInt>;
        padTo: z.ZodOptional<z.ZodInt>;
        padPrefix: z.ZodOptional<z.ZodString>;
        policy: z.ZodOptional<z.ZodEnum<{
            "japanese-only": "japanese-only";
            "allow-non-japanese": "allow-non-japanese";
        }>>;
        keepCorpora: z.ZodOptional<z.ZodArray<z.ZodString>>;
        maxKeepLoss: z.ZodOptional<z.ZodNumber>;
    }, z.core.$loose>>;
    base: z.ZodOptional<z.ZodObject<{
        name: z.ZodOptional<z.ZodString>;
        source: z.ZodOptional<z.ZodString>;
        vocab_size: z.ZodOptional<z.ZodInt>;
        format: z.ZodOptional<z.ZodEnum<{
            sentencepiece: "sentencepiece";
            hf: "hf";
        }>>;
    }, z.core.$loose>>;
    artefacts: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodString>>;
}, z.core.$loose>;
/** A manifest as readers see it. */
export type ManifestView = z.infer<typeof manifestSchema>;
/** The manifest.json of `dir` checked against the schema, or undefined when there is none. */
export declare function readManifest(dir: string, hint?: string): ManifestView | undefined;
export {};
