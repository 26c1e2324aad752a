// What every manifest.json starts with, and what kind of directory a manifest describes (of
// any schema version), for writers and readers alike.
import { TOOL } from '../options.js';
import { MANIFEST_FAMILY } from './staged-dir.js';

/** The manifest schema version; 1 had no `kind` (readers infer it: see manifestKind). */
export const MANIFEST_VERSION = 2;

/** What made a directory. */
export type ManifestKind = 'build' | 'from-scratch' | 'from-plan' | 'imported' | 'checkpoint';

/** The fields every manifest starts with. */
export function manifestHeader(kind: ManifestKind): { format: string; kind: ManifestKind; tool: { name: string; version: string } } {
  return { format: `${MANIFEST_FAMILY}${MANIFEST_VERSION}`, kind, tool: { name: TOOL.name, version: TOOL.version } };
}

/** The kind of a manifest of any version. */
export function manifestKind(m: { kind?: string; mode?: string; from_plan?: string; imported?: object } | undefined): ManifestKind | undefined {
  if (!m) return undefined;
  if (m.kind) return m.kind as ManifestKind;
  return m.mode === 'from-scratch' ? 'from-scratch' : m.from_plan ? 'from-plan' : m.imported ? 'imported' : 'build';
}

/** A standalone model (train --from-scratch): no base it extends. */
export function isStandalone(m: Parameters<typeof manifestKind>[0]): boolean {
  return manifestKind(m) === 'from-scratch';
}
