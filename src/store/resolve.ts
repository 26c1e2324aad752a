// Resolving a tokenizer reference: a path to tokenizer files, a bundled base's name, or a store
// version's id or label (a stored label shadows a bundled name). One order for every command.
import fs from 'node:fs';
import path from 'node:path';
import { storePaths } from '../io/output.js';
import { ARTEFACTS } from '../io/manifest-format.js';
import { MANIFEST_NAME } from '../io/staged-dir.js';
import { InputError } from '../errors.js';
import type { Base } from '../family/family.js';
import { BASE_NAMES, loadBase } from '../family/load.js';
import { openStore } from './db.js';
import { hasLabel, loadVersion, type VersionRecord } from './versions.js';

/** What a reference names. Files are not read yet: a command may need only their directory. */
export type Resolved =
  | { kind: 'files'; path: string }
  | { kind: 'bundled'; name: string; base: Base }
  | { kind: 'stored'; version: VersionRecord & { id: number } };

/** True if `ref` is written like a path (not a store label): it names a file, so a missing one is "not found". */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(model|json)$/.test(ref);
}

/** True if the store at `dbFile` exists and holds a version labelled `ref` (which then shadows a bundled base's name). */
export function storeHasLabel(dbFile: string, ref: string): boolean {
  if (!fs.existsSync(dbFile)) return false;
  const db = openStore(dbFile, { readonly: true });
  try {
    return hasLabel(db, dbFile, ref);
  } finally {
    db.close();
  }
}

/** True if `ref` names a bundled base (mistral-7b-v0.1, llama-3, qwen3, gemma-3) not shadowed by a stored version. */
export function isBundledBase(ref: string, dbFile: string): boolean {
  return BASE_NAMES.includes(ref) && !storeHasLabel(dbFile, ref);
}

/** Resolves `ref`: an existing path, else a bundled base, else a version in the store at `dbFile`.
 * `noun` names what a path should be in the "not found" message. */
export function resolveTokenizer(ref: string, dbFile: string, noun = 'file or directory'): Resolved {
  if (fs.existsSync(ref)) return { kind: 'files', path: ref };
  if (looksLikePath(ref)) throw new InputError(`no such ${noun}`, ref, undefined, 'check the path');
  if (isBundledBase(ref, dbFile)) return { kind: 'bundled', name: ref, base: loadBase(ref) };
  if (!fs.existsSync(dbFile)) {
    throw new InputError(
      `no such ${noun}, and no store at ${dbFile} to look the version up in`,
      ref,
      undefined,
      'pass a path, or --db with the store that holds the version',
    );
  }
  const db = openStore(dbFile, { readonly: true });
  try {
    return { kind: 'stored', version: loadVersion(db, dbFile, ref) };
  } finally {
    db.close();
  }
}

/** The paths a command that reads `refs` must never write: each existing path (for a file, the
 * tokenizer files and manifest beside it, which loaders read too) and the store with its side files. */
export function referenceInputs(refs: readonly string[], dbFile: string): string[] {
  const siblings = (file: string) => [...ARTEFACTS, MANIFEST_NAME].map((n) => path.join(path.dirname(file), n));
  const paths = refs
    .filter((r) => fs.existsSync(r))
    .flatMap((r) => (fs.statSync(r).isFile() ? [r, ...siblings(r)] : [r]));
  return [...paths, ...storePaths(dbFile)];
}
