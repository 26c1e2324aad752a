// Shared test helpers: where ../shared/data is, temp dirs, and a visible skip when it is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '..', 'shared', 'data');
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'mistral-7b-v0.1', 'tokenizer.model'));
if (!HAS_SHARED) console.warn(`SKIPPING tests that need ${SHARED}: folder not found (CI has it)`);

export const MISTRAL = path.join(SHARED, 'mistral-7b-v0.1');
export const CORPORA = path.join(SHARED, 'corpora');

/** A fresh temporary directory. */
export function tmpDir(prefix = 'tokext-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The golden encodings of the base. */
export function golden(): { text: string; ids: number[]; decoded: string }[] {
  return fs.readFileSync(path.join(MISTRAL, 'golden', 'encodings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}
