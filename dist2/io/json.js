// Reading JSON files: a missing, unreadable or malformed file is an InputError naming it.
import fs from 'node:fs';
import { InputError } from '../errors.js';
/** Parses the JSON file `file`; `hint` tells the user how to get a good one. */
export function readJsonFile(file, hint) {
    let text;
    try {
        text = fs.readFileSync(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new InputError(code === 'ENOENT'
            ? 'file not found'
            : code === 'EISDIR'
                ? 'is a directory, not a JSON file'
                : `cannot read (${e.message})`, file, undefined, hint);
    }
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new InputError(`not valid JSON (${e.message}); is the file truncated or corrupt?`, file, undefined, hint);
    }
}
//# sourceMappingURL=json.js.map