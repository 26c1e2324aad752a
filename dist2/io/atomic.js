// Output that never leaves a half-written file: a temporary name beside the target, fsync,
// rename. Temporary names are short whatever the target's length, carry the owner's pid (so a
// later run can tell a dead run's leftovers from a live one's) and a hash of the target.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { OutputError, asOutputError } from '../errors.js';
const TEMP_PREFIX = '.tokext-tmp-';
const TEMP_NAME = /^\.tokext-tmp-(\d+)-([0-9a-f]{12})$/;
/** Longest file name most file systems take, in bytes. */
export const MAX_NAME_BYTES = 255;
/** Temporaries of this process still on disk, removed synchronously on a hard exit. */
const live = new Set();
const targetHash = (target) => crypto.createHash('sha256').update(path.resolve(target)).digest('hex').slice(0, 12);
/** The temporary sibling of `target` owned by this process. */
export function tempPathFor(target) {
    return path.join(path.dirname(path.resolve(target)), `${TEMP_PREFIX}${process.pid}-${targetHash(target)}`);
}
/** Registers (or forgets) a temporary path for `removeLiveTempsSync`, and tells the CLI's shell
 * through the pipe it names (TEMP_FD_ENV), synchronously, so that the shell can remove the path
 * if it has to kill this process. */
export function trackTemp(p, on) {
    if (on)
        live.add(p);
    else
        live.delete(p);
    const fd = Number(process.env[TEMP_FD_ENV]);
    if (fd > 2)
        fs.writeSync(fd, `${on ? '+' : '-'}${p}\n`);
}
/** The environment variable naming the file descriptor of a supervising shell's temporaries pipe. */
export const TEMP_FD_ENV = 'TOKEXT_TEMP_FD';
/** The line that tells the shell the command has ended (only exiting is left). */
export const DONE = '=';
/** Tells a supervising shell that the command has ended, so that a late signal does not kill a
 * process whose work is already committed. */
export function announceDone() {
    const fd = Number(process.env[TEMP_FD_ENV]);
    if (fd > 2)
        fs.writeSync(fd, `${DONE}\n`);
}
/** Removes every temporary of this process at once (a second Ctrl-C, a dying process). */
export function removeLiveTempsSync() {
    for (const p of live)
        fs.rmSync(p, { recursive: true, force: true });
    live.clear();
}
/** True if process `pid` is running (on this machine). */
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
/** Removes the entries of `dir` whose owner process (`ownerOf` their name, undefined: not a
 * leftover) no longer runs on this machine; returns their paths. One this user may not remove
 * (another user's, in a shared /tmp) is left alone. */
export function removeLeftovers(dir, ownerOf) {
    let names;
    try {
        names = fs.readdirSync(dir);
    }
    catch {
        return [];
    }
    const removed = [];
    for (const name of names.sort()) {
        const pid = ownerOf(name);
        if (pid === undefined || !Number.isSafeInteger(pid) || pid === process.pid || alive(pid))
            continue;
        try {
            fs.rmSync(path.join(dir, name), { recursive: true, force: true });
            removed.push(path.join(dir, name));
        }
        catch {
            continue; // not ours to remove
        }
    }
    return removed;
}
/** Removes temporaries for `target` left by runs that died (SIGKILL, power loss); returns their paths. */
export function removeStaleTemps(target) {
    const hash = targetHash(target);
    return removeLeftovers(path.dirname(path.resolve(target)), (name) => {
        const m = TEMP_NAME.exec(name);
        return m && m[2] === hash ? Number(m[1]) : undefined;
    });
}
/** Refuses a target whose own name is longer than the file system allows. */
export function checkNameLength(target) {
    const name = path.basename(path.resolve(target));
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > MAX_NAME_BYTES)
        throw new OutputError(`file name too long (${bytes} bytes; the limit is ${MAX_NAME_BYTES})`, target, 'choose a shorter name');
}
/** Writes `data` to `file` via a temporary sibling and a rename. */
export function writeFileAtomic(file, data) {
    const tmp = beginTemp(file);
    try {
        fs.writeFileSync(tmp, data);
        commitTemp(tmp, file);
    }
    catch (e) {
        throw abandonTemp(tmp, file, e);
    }
    finally {
        trackTemp(tmp, false);
    }
}
/** Writes `file` by letting `write` fill a temporary path beside it (a streaming writer), then
 * syncs and renames it into place; on any failure the temporary file is removed. */
export async function writeFileVia(file, write) {
    const tmp = beginTemp(file);
    try {
        await write(tmp);
        commitTemp(tmp, file);
    }
    catch (e) {
        throw abandonTemp(tmp, file, e);
    }
    finally {
        trackTemp(tmp, false);
    }
}
/** Syncs a finished temporary file to disk and renames it into place. */
function commitTemp(tmp, file) {
    const fd = fs.openSync(tmp, 'r+');
    try {
        fs.fsyncSync(fd);
    }
    finally {
        fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
}
/** A temporary path for `file`, checked and tracked (removed if the process is stopped). */
function beginTemp(file) {
    checkNameLength(file);
    const tmp = tempPathFor(file);
    trackTemp(tmp, true);
    return tmp;
}
/** Removes a failed write's temporary file; the error to throw, naming `file`. */
function abandonTemp(tmp, file, e) {
    fs.rmSync(tmp, { force: true });
    return asOutputError(e, file);
}
/**
 * Checks, before any work, that `file` can be written later: its directory exists and takes a
 * new file, and the name is neither too long nor a directory. Leaves nothing behind.
 */
export function checkWritableFile(file) {
    checkNameLength(file);
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir))
        throw new OutputError('the directory does not exist', dir, 'create it first or choose another path');
    if (!fs.statSync(dir).isDirectory())
        throw new OutputError('is a file, not a directory', dir);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory())
        throw new OutputError('is a directory; a file name is expected', file);
    checkCanCreate(tempPathFor(file), dir, 'cannot create files here');
}
/** Creates and removes `probe` to show that files can be made in `dir`; an OutputError naming
 * `dir` (with `what` as the reason) if they cannot. */
export function checkCanCreate(probe, dir, what) {
    try {
        fs.closeSync(fs.openSync(probe, 'w'));
    }
    catch (e) {
        throw asOutputError(e, dir, what);
    }
    finally {
        fs.rmSync(probe, { force: true });
    }
}
/** JSON text as every writer emits it: two-space indent, trailing newline. */
export function jsonText(value) {
    return JSON.stringify(value, null, 2) + '\n';
}
/** sha256 of a file, hex. */
export function sha256File(file) {
    const h = crypto.createHash('sha256');
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
        for (;;) {
            const n = fs.readSync(fd, buf, 0, buf.length, null);
            if (n === 0)
                break;
            h.update(buf.subarray(0, n));
        }
    }
    finally {
        fs.closeSync(fd);
    }
    return h.digest('hex');
}
//# sourceMappingURL=atomic.js.map