// Output that never leaves a half-written file: temp name, fsync, rename.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { UsageError } from '../errors.js';

/** Writes `data` to `file` via a temporary sibling and a rename. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** JSON text as every writer emits it: two-space indent, trailing newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** sha256 of a file, hex. */
export function sha256File(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * A staging directory beside `outDir`; `commit()` renames it into place (replacing an old
 * directory only when `force`), `abort()` removes it. Refuses an existing outDir without force.
 */
export class StagedDir {
  readonly dir: string;
  constructor(readonly outDir: string, readonly force: boolean) {
    if (fs.existsSync(outDir) && !force) {
      throw new UsageError(`output directory exists: ${outDir}`, 'choose another --out or pass --force to replace it');
    }
    fs.mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
    this.dir = `${path.resolve(outDir)}.tmp-${process.pid}`;
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir);
  }
  file(name: string): string {
    return path.join(this.dir, name);
  }
  commit(): void {
    const old = `${path.resolve(this.outDir)}.old-${process.pid}`;
    if (fs.existsSync(this.outDir)) fs.renameSync(this.outDir, old);
    fs.renameSync(this.dir, this.outDir);
    fs.rmSync(old, { recursive: true, force: true });
  }
  abort(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
