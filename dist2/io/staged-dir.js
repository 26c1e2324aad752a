// Output directories: built under a temporary sibling and renamed into place in one step.
// `--force` replaces only a directory tokext itself wrote and that holds none of the run's inputs.
import fs from 'node:fs';
import path from 'node:path';
import { OutputError, UsageError, asOutputError } from '../errors.js';
import { checkNameLength, removeStaleTemps, tempPathFor, trackTemp } from './atomic.js';
import { checkNotAnInput, realish, within } from './output.js';
/** The file that marks a directory as tokext's own output. */
export const MANIFEST_NAME = 'manifest.json';
/** Every manifest's `format` starts with this. */
export const MANIFEST_FAMILY = 'tokext.manifest/';
/** True if `dir` holds a manifest.json that tokext wrote. */
export function isTokextOutput(dir) {
    try {
        const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
        return typeof m.format === 'string' && m.format.startsWith(MANIFEST_FAMILY);
    }
    catch {
        return false;
    }
}
/**
 * Refuses to replace `out` unless it is a directory tokext wrote (its manifest says so) that
 * contains none of `inputs` (corpora, store, base, model) and not the working directory.
 */
export function checkReplaceable(out, inputs) {
    const st = fs.statSync(out);
    const hint = "choose another --out; --force only replaces a directory that tokext wrote and that holds none of this run's inputs";
    if (!st.isDirectory())
        throw new UsageError(`--force refuses to replace ${out}: it is a file, not a directory tokext wrote`, hint);
    const real = realish(out);
    if (within(process.cwd(), real) || within(realish(process.cwd()), real))
        throw new UsageError(`--force refuses to replace ${out}: it contains the working directory`, hint);
    for (const input of inputs) {
        if (within(realish(input), real))
            throw new UsageError(`--force refuses to replace ${out}: it contains ${input}, an input of this run`, hint);
    }
    if (!isTokextOutput(out))
        throw new UsageError(`--force refuses to replace ${out}: it has no tokext ${MANIFEST_NAME}, so tokext did not write it`, hint);
}
/**
 * A staging directory beside `outDir`. `commit()` renames it into place: without force it
 * refuses an `outDir` that exists or appeared meanwhile; with force it replaces only what
 * `checkReplaceable` allows. `swapIn()` / `finish()` / `rollback()` split the commit for callers
 * that must make another change (a store record) in the same outcome. `abort()` removes it.
 */
export class StagedDir {
    outDir;
    opts;
    dir;
    /** Temporaries of dead runs for the same output, removed on the way in. */
    removedStale;
    old;
    swapped = false;
    constructor(outDir, opts) {
        this.outDir = outDir;
        this.opts = opts;
        checkNameLength(outDir);
        checkNotAnInput(outDir, { inputs: opts.inputs ?? [] });
        if (fs.existsSync(outDir)) {
            if (!opts.force)
                throw new UsageError(`output directory exists: ${outDir}`, 'choose another --out, or pass --force to replace a directory tokext wrote');
            checkReplaceable(outDir, opts.inputs ?? []);
        }
        const parent = path.dirname(path.resolve(outDir));
        for (let p = parent;; p = path.dirname(p)) {
            if (fs.existsSync(p)) {
                if (!fs.statSync(p).isDirectory())
                    throw new OutputError('is a file, so it cannot hold the output directory', p, 'choose another --out');
                break;
            }
            if (path.dirname(p) === p)
                break;
        }
        try {
            fs.mkdirSync(parent, { recursive: true });
        }
        catch (e) {
            throw asOutputError(e, parent, "cannot create the output's parent directory");
        }
        this.removedStale = removeStaleTemps(outDir);
        this.dir = tempPathFor(outDir);
        try {
            fs.rmSync(this.dir, { recursive: true, force: true });
            fs.mkdirSync(this.dir);
        }
        catch (e) {
            throw asOutputError(e, parent, 'cannot create the output directory here');
        }
        trackTemp(this.dir, true);
    }
    /** Path of a file inside the staging directory. */
    file(name) {
        return path.join(this.dir, name);
    }
    /** Moves the staged directory into place (keeping any replaced one aside until `finish`). */
    swapIn() {
        const out = path.resolve(this.outDir);
        if (!this.opts.force) {
            try {
                fs.mkdirSync(out); // claims the name atomically: a racing run gets EEXIST
            }
            catch (e) {
                if (e.code === 'EEXIST') {
                    throw new UsageError(`output directory appeared while this run was working: ${this.outDir}`, 'choose another --out, or pass --force to replace a directory tokext wrote');
                }
                throw asOutputError(e, this.outDir);
            }
        }
        else if (fs.existsSync(out)) {
            checkReplaceable(out, this.opts.inputs ?? []);
            this.old = `${this.dir}-old`;
            fs.renameSync(out, this.old);
            trackTemp(this.old, true);
        }
        try {
            fs.renameSync(this.dir, out); // onto our own empty claim, or into the free name
        }
        catch (e) {
            if (this.old)
                fs.renameSync(this.old, out);
            else
                fs.rmdirSync(out);
            throw asOutputError(e, this.outDir, 'cannot move the finished output into place');
        }
        this.swapped = true;
        trackTemp(this.dir, false);
    }
    /** Removes the replaced directory, if any: the commit is final. */
    finish() {
        if (this.old) {
            fs.rmSync(this.old, { recursive: true, force: true });
            trackTemp(this.old, false);
            this.old = undefined;
        }
    }
    /** Undoes `swapIn`: the new output goes, a replaced one comes back. */
    rollback() {
        if (!this.swapped)
            return;
        const out = path.resolve(this.outDir);
        fs.rmSync(out, { recursive: true, force: true });
        if (this.old) {
            fs.renameSync(this.old, out);
            trackTemp(this.old, false);
            this.old = undefined;
        }
        this.swapped = false;
    }
    /** Renames the staged directory into place for good. */
    commit() {
        this.swapIn();
        this.finish();
    }
    /** Removes the staging directory (after a failure or an interruption). */
    abort() {
        if (!this.swapped)
            fs.rmSync(this.dir, { recursive: true, force: true });
        trackTemp(this.dir, false);
    }
}
//# sourceMappingURL=staged-dir.js.map