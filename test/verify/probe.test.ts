// The converter probe: llama.cpp's convert_hf_to_gguf.py hashes a tokenizer's ids for its probe
// text and looks the hash up in a table; verify computes the same hash for an extension and its base.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { GGUF_NAMES, HF_BASES } from '../../src/base/bundled.js';
import { build } from '../../src/stages/build.js';
import { defaultSpec } from '../../src/spec.js';
import { CONVERTER_PROBE_TEXT, checkConverterProbe, probeHash, probeOf, tableLine } from '../../src/verify/probe.js';
import { ReportBuilder } from '../../src/verify/report.js';
import { loadBase } from '../../src/family/load.js';
import type { HfFamily } from '../../src/family/hf.js';
import { sampleBuild, sampleBuildChecks, tmpDir } from '../helpers.js';

/** The hashes of llama.cpp's table (get_vocab_base_pre in conversion/base.py, llama.cpp at
 * 80fb11ac73e66d89eae2c6a91d8a77428fa733ed) that the bundled bases' tokenizer.json give. */
const TABLE = {
  // ref: https://huggingface.co/meta-llama/Meta-Llama-3-8B -> res = "llama-bpe"
  'llama-3': { hash: '0ef9807a4087ebef797fc749390439009c3b9eda9ad1a097abbe738f486c01e5', res: 'llama-bpe' },
  // ref: https://huggingface.co/Qwen/Qwen1.5-7B -> res = "qwen2"
  qwen3: { hash: 'e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea', res: 'qwen2' },
  // ref: https://huggingface.co/ibm-granite/granite-embedding-311m-multilingual-r2 -> res = "granite-embed-multi-311m"
  // (a Gemma 3 tokenizer; the converter hashes Gemma 3 only when the directory has no tokenizer.model)
  'gemma-3': {
    hash: '789696f5946cc0fc59371f39f6097cafed196b3acded6140432f26bbb1ae1669',
    res: 'granite-embed-multi-311m',
  },
};

const baseRust = (name: string) => RustTokenizer.fromString(JSON.stringify(HF_BASES[name]!().json));

describe('the converter probe', () => {
  it('hashes the id list as Python prints it', () => {
    const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
    expect(probeHash([128000, 198, 4815])).toBe(sha('[128000, 198, 4815]'));
    expect(probeHash([])).toBe(sha('[]'));
    expect(CONVERTER_PROBE_TEXT).toHaveLength(356);
  });

  it.each(Object.entries(TABLE))("gives %s's hash in llama.cpp's table", async (name, entry) => {
    expect((await probeOf(baseRust(name))).hash).toBe(entry.hash);
    if (GGUF_NAMES[name]?.pre !== undefined) expect(GGUF_NAMES[name].pre).toBe(entry.res);
  });

  it('names the base pre in the table line, or the base hash when tokext does not know the name', () => {
    expect(tableLine('ab', 'qwen2', 'cd')).toBe('if chkhsh == "ab": res = "qwen2"');
    expect(tableLine('ab', undefined, 'cd')).toBe(
      'if chkhsh == "ab": res = <the res of the table\'s line for the base\'s hash cd>',
    );
  });

  it('names no pre for a base given as a path, even one in a directory named like a bundled base', async () => {
    const dir = path.join(tmpDir(), 'qwen3');
    fs.mkdirSync(dir);
    const json = JSON.stringify(HF_BASES.qwen3!().json);
    fs.writeFileSync(path.join(dir, 'tokenizer.json'), json);
    const base = loadBase(dir) as HfFamily;
    expect(base.name).toBe('qwen3');
    const r = new ReportBuilder();
    await checkConverterProbe(RustTokenizer.fromString(json), RustTokenizer.fromString(json), base, r);
    expect((await r.finish()).checks[0]!.detail).toBe(
      `convertible by convert_hf_to_gguf wherever it converts the base (probe hash ${TABLE.qwen3.hash}, the base's)`,
    );
  });

  it.each(['llama-3', 'qwen3'] as const)(
    'passes on a sample extension of %s, which keeps the base hash',
    async (base) => {
      const entry = TABLE[base];
      expect(sampleBuildChecks(base).find((c) => c.name === 'converter-probe')).toEqual({
        name: 'converter-probe',
        ok: true,
        detail: `convertible by convert_hf_to_gguf as ${entry.res} (probe hash ${entry.hash}, the base's)`,
      });
      const ext = RustTokenizer.fromFile(path.join(sampleBuild(base), 'tokenizer.json'));
      expect((await probeOf(ext)).hash).toBe(entry.hash);
    },
  );

  it('warns, without failing, naming the new piece that changes the probe and the table line', async () => {
    // 工作 is one token in the bases already; 我想在 is three for Llama 3, and a corpus can teach it
    const dir = tmpDir();
    const corpus = path.join(dir, 'c.txt');
    fs.writeFileSync(corpus, '我想在\n'.repeat(300) + '私の工作\n'.repeat(50));
    const out = path.join(dir, 'o');
    const r = await build(
      { ...defaultSpec([{ path: corpus, weight: 1 }]), base: 'llama-3', target: 128258, padTo: 128258 },
      { out, force: false },
    );
    const hash = (await probeOf(RustTokenizer.fromFile(path.join(out, 'tokenizer.json')))).hash;
    expect(hash).not.toBe(TABLE['llama-3'].hash);
    expect(r.verify!.ok).toBe(true);
    expect(r.verify!.checks.some((c) => c.name === 'converter-probe')).toBe(false);
    const note = r.verify!.text.split('\n').find((l) => l.includes('converter-probe'))!;
    expect(note).toContain('note converter-probe: its new pieces 128257 "我想在" change the ids');
    expect(note).toContain(`the base's ${TABLE['llama-3'].hash}`);
    expect(note.endsWith(`convert_hf_to_gguf.py: if chkhsh == "${hash}": res = "llama-bpe"`)).toBe(true);
  });
});
