// Reading JSON files: a missing, unreadable or malformed file is an InputError naming it.
import fs from 'node:fs';
import { InputError } from '../errors.js';

/** Parses the JSON file `file`; `hint` tells the user how to get a good one. */
export function readJsonFile(file: string, hint?: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a JSON file'
          : `cannot read (${(e as Error).message})`,
      file,
      undefined,
      hint,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `not valid JSON (${(e as Error).message}); is the file truncated or corrupt?`,
      file,
      undefined,
      hint,
    );
  }
}
