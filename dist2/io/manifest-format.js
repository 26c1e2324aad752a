// What every manifest.json starts with, and what kind of directory a manifest describes (of
// any schema version), for writers and readers alike.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TOOL } from '../spec.js';
import { readJsonFile } from './json.js';
import { parseAs } from './validate.js';
import { MANIFEST_FAMILY, MANIFEST_NAME } from './staged-dir.js';
/** File names of the artefacts a build writes beside manifest.json, in the order they are written. */
export const ARTEFACTS = [
    'tokenizer.json',
    'tokenizer.model',
    'tokenizer_config.json',
    'special_tokens_map.json',
    'embedding-init.json',
];
/** The artefacts of an HF-base build: no SentencePiece model. */
export const HF_ARTEFACTS = ARTEFACTS.filter((f) => f !== 'tokenizer.model');
/** The manifest schema version; 1 had no `kind` (readers infer it: see manifestKind). */
export const MANIFEST_VERSION = 2;
/** The fields every manifest starts with. */
export function manifestHeader(kind) {
    return { format: `${MANIFEST_FAMILY}${MANIFEST_VERSION}`, kind, tool: { name: TOOL.name, version: TOOL.version } };
}
/** The kind of a manifest of any version. */
export function manifestKind(m) {
    if (!m)
        return undefined;
    if (m.kind)
        return m.kind;
    return m.mode === 'from-scratch' ? 'from-scratch' : m.from_plan ? 'from-plan' : m.imported ? 'imported' : 'build';
}
/** A standalone model (train --from-scratch): no base it extends. */
export function isStandalone(m) {
    return manifestKind(m) === 'from-scratch';
}
/** What readers rely on in a manifest of any kind and version (every field optional; the rest kept). */
const manifestSchema = z.looseObject({
    format: z.string().optional(),
    kind: z.enum(['build', 'from-scratch', 'from-plan', 'imported', 'checkpoint']).optional(),
    mode: z.string().optional(),
    from_plan: z.string().optional(),
    imported: z.looseObject({}).optional(),
    spec: z
        .looseObject({
        base: z.string().optional(),
        target: z.int().positive().optional(),
        padTo: z.int().positive().optional(),
        padPrefix: z.string().min(1).optional(),
        policy: z.enum(['japanese-only', 'allow-non-japanese']).optional(),
        keepCorpora: z.array(z.string()).optional(),
        maxKeepLoss: z.number().min(0).max(1).optional(),
    })
        .optional(),
    base: z
        .looseObject({
        name: z.string().optional(),
        source: z.string().optional(),
        vocab_size: z.int().positive().optional(),
        format: z.enum(['sentencepiece', 'hf']).optional(),
    })
        .optional(),
    artefacts: z.record(z.string(), z.string()).optional(),
});
/** The manifest.json of `dir` checked against the schema, or undefined when there is none. */
export function readManifest(dir, hint = 'rebuild or re-export the directory') {
    const file = path.join(dir, MANIFEST_NAME);
    if (!fs.existsSync(file))
        return undefined;
    return parseAs(manifestSchema, readJsonFile(file, hint), file, 'manifest.json', hint);
}
//# sourceMappingURL=manifest-format.js.map