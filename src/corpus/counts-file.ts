// The mergeable count artefact: pretoken -> weighted count, gzipped JSON lines, sorted by
// pretoken, so shards counted anywhere (other processes, other machines) merge by summing.
import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { InputError, asOutputError } from '../errors.js';
import { tempPathFor, trackTemp } from '../io/atomic.js';
import type { InputFile } from './read.js';

const FORMAT = 'tokext.counts/1';

/** Header line of a counts file. */
export interface CountsHeader {
  format: string;
  inputs: InputFile[];
  records: number;
  chunks: number;
  split_by_script: boolean;
}

/** Writes counts to `file` (gzip), via a temporary name. */
export async function writeCounts(file: string, counts: Map<string, number>, inputs: InputFile[], records: number, splitByScript: boolean): Promise<void> {
  const keys = [...counts.keys()].sort();
  const tmp = tempPathFor(file);
  trackTemp(tmp, true);
  const gz = zlib.createGzip({ level: 6 });
  const out = fs.createWriteStream(tmp);
  const done = new Promise<void>((res, rej) => { out.on('finish', res); out.on('error', rej); gz.on('error', rej); });
  gz.pipe(out);
  const header: CountsHeader = { format: FORMAT, inputs, records, chunks: keys.length, split_by_script: splitByScript };
  const write = (s: string) => (gz.write(s) ? Promise.resolve() : new Promise<void>((r) => gz.once('drain', () => r())));
  await write(JSON.stringify(header) + '\n');
  let buf = '';
  for (const k of keys) {
    buf += JSON.stringify([k, counts.get(k)]) + '\n';
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  try {
    await write(buf);
    gz.end();
    await done;
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw asOutputError(e, file);
  } finally {
    trackTemp(tmp, false);
  }
}

/** Adds the counts in `file` into `into`; returns its header. */
export async function readCountsInto(file: string, into: Map<string, number>): Promise<CountsHeader> {
  if (!fs.existsSync(file)) throw new InputError('counts file not found', file);
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  let header: CountsHeader | undefined;
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      if (!header) {
        header = JSON.parse(text) as CountsHeader;
        if (header.format !== FORMAT) throw new InputError(`not a ${FORMAT} file`, file, 1, 'make one with tokext count');
        continue;
      }
      const [k, n] = JSON.parse(text) as [string, number];
      if (typeof k !== 'string' || typeof n !== 'number') throw new InputError('malformed count line', file, line);
      into.set(k, (into.get(k) ?? 0) + n);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`unreadable counts file (${(e as Error).message})`, file, line || undefined, 'make it again with tokext count');
  }
  if (!header) throw new InputError('empty counts file', file);
  return header;
}
