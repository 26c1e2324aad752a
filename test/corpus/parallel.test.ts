import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCorpora } from '../../src/corpus/count.js';
import { emptyStats, readCorpusFile, type CorpusFile } from '../../src/corpus/read.js';
import { defaultSpec } from '../../src/options.js';
import { CORPORA, HAS_SHARED, tmpDir } from '../helpers.js';

async function records(f: CorpusFile): Promise<string[]> {
  const out: string[] = [];
  await readCorpusFile(f, { textField: 'text', skipInvalid: false }, emptyStats(), (t) => out.push(t));
  return out;
}

describe('parallel counting', () => {
  it('byte ranges own exactly the lines that start in them, wherever the cuts fall', async () => {
    const file = path.join(tmpDir(), 'lines.txt');
    const lines = Array.from({ length: 200 }, (_, i) => `行${i}`.repeat(1 + (i % 7)));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const bytes = fs.statSync(file).size;
    const whole: CorpusFile = { path: file, bytes, jsonl: false, gzip: false, weight: 1 };
    for (const size of [1, 7, 50, 333, bytes]) {
      const got: string[] = [];
      for (let s = 0; s < bytes; s += size) got.push(...(await records({ ...whole, start: s, end: Math.min(bytes, s + size) })));
      expect(got, `ranges of ${size} bytes`).toEqual(lines);
    }
  });

  it.skipIf(!HAS_SHARED)('two worker threads count exactly what one thread counts', async () => {
    const spec = defaultSpec([{ path: path.join(CORPORA, 'ja-train-wikipedia'), weight: 2 }]);
    const one = await countCorpora(spec, { workers: 1 });
    const two = await countCorpora(spec, { workers: 2 });
    expect(two.counts.size).toBe(one.counts.size);
    for (const [k, v] of one.counts) expect(two.counts.get(k)).toBe(v);
    expect(two.stats.records).toBe(one.stats.records);
    expect(two.stats.chars).toBe(one.stats.chars);
    expect(two.stats.bytes).toBe(one.stats.bytes);
    expect(two.files).toEqual(one.files);
  });

  it('falls back to one thread to name the file and line of bad input', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), 'よい行\n'.repeat(10) + 'bad\u0000line\n');
    await expect(countCorpora(defaultSpec([{ path: dir, weight: 1 }]), { workers: 2 })).rejects.toThrow(/a\.txt:11: NUL byte/);
  });
});
