// llama.cpp as verify's fourth runtime (issue 19): the real llama.cpp (node-llama-cpp's prebuilt
// binary, `npm run setup:llama-cpp`; CI installs it) loads each sample extension's vocab-only GGUF
// and gives the Rust ids; a tampered directory fails with an example; the known runtime
// differences are a note; without node-llama-cpp the check is a note saying how to add it. And the
// #3583/#4958 class: per kind, the GGUF has exactly the rows init-embeddings writes, no id missing.
import fs from 'node:fs';
import path from 'node:path';
import { gguf } from '@huggingface/gguf';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { initEmbeddings } from '../../src/embed/grow.js';
import { verifyDir } from '../../src/family/verify.js';
import { ggufBytes } from '../../src/gguf/writer.js';
import { ggufOfDir } from '../../src/verify/gguf-of-dir.js';
import { LLAMA_CPP_CHECK, checkLlamaCpp } from '../../src/verify/llamacpp.js';
import { LLAMA_CPP_VERSION, llamaCpp } from '../../src/verify/llamacpp-runtime.js';
import { ReportBuilder, textsToCheck, type VerifyReport } from '../../src/verify/report.js';
import { SAMPLE, cli, copySampleBuild, sampleBuild, tmpDir } from '../helpers.js';

const runtime = await llamaCpp();
const available = !('skipped' in runtime);
if (!available) console.warn(`llama.cpp tests SKIPPED: ${runtime.skipped}`);

const root = tmpDir('tokext-llamacpp-');

/** The rows of each base's released checkpoint (Qwen3 and Gemma 3 have more rows than ids). */
const CHECKPOINT_ROWS = { 'mistral-7b-v0.1': 32000, 'llama-3': 128256, qwen3: 151936, 'gemma-3': 262208 } as const;
type BaseName = keyof typeof CHECKPOINT_ROWS;
const BASES = Object.keys(CHECKPOINT_ROWS) as BaseName[];

/** A sample extension of `name` (the shared sample build: 300 new ids for the byte-level bases, padded past the checkpoint's rows). */
const extension = (name: BaseName): Promise<string> => Promise.resolve(sampleBuild(name));

const checkOf = (r: VerifyReport) => r.checks.find((c) => c.name === LLAMA_CPP_CHECK);
const rustIds = async (dir: string, texts: string[]) => {
  const rust = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
  return (await rust.encodeBatch(texts, { addSpecialTokens: false })).map((e) => e.getIds());
};

/** The llama.cpp check of `dir` as verify runs it on the probes and `sample` lines of the sample
 * corpus: the texts verify's own selection gives (special-token literals left out, as verify leaves
 * them out) and their Rust ids. The other checks of verify ran when the shared build was made (its
 * manifest records them); here only this one runs, on the texts a `verifyDir(dir, { corpora: [SAMPLE],
 * sample })` would give it. The tests below run it inside verifyDir, for both families. */
async function llamaCppCheckOnSample(dir: string, sample: number): Promise<VerifyReport> {
  const r = new ReportBuilder();
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as {
    added_tokens: { content: string }[];
  };
  const specials = json.added_tokens.map((t) => t.content);
  const { texts } = await textsToCheck({ corpora: [SAMPLE], sample }, specials, r);
  await checkLlamaCpp(dir, { texts, ids: await rustIds(dir, texts) }, r);
  return r.finish();
}

describe.skipIf(!available)('verify compares llama.cpp with tokenizers (Rust)', () => {
  it.each(BASES)('the llama.cpp check of a %s sample extension passes on the probes and sample text', async (name) => {
    const dir = await extension(name);
    const report = await llamaCppCheckOnSample(dir, 300);
    const check = checkOf(report);
    expect(check, report.text).toBeDefined();
    expect(check!.ok, report.text).toBe(true);
    const [, n, all] = /gives the Rust ids on (\d+) of (\d+) texts/.exec(check!.detail)!;
    expect(Number(n)).toBe(Number(all));
    expect(Number(all)).toBeGreaterThan(300);
    expect(check!.detail).toContain(`node-llama-cpp ${LLAMA_CPP_VERSION}`);
    expect(report.notes.join('\n')).not.toMatch(/llama\.cpp/);
  });

  it('fails with an example when llama.cpp and Rust disagree (tokenizer.json ids swapped, tokenizer.model not)', async () => {
    const dir = copySampleBuild(path.join(root, 'tampered'));
    const text = fs.readFileSync(path.join(SAMPLE, 'sample.txt'), 'utf8').split('\n')[0]!;
    const [ids] = await rustIds(dir, [text]);
    const a = ids!.find((id) => id >= 32000)!;
    const b = a === 32001 ? 32002 : 32001;
    const jsonFile = path.join(dir, 'tokenizer.json');
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { model: { vocab: Record<string, number> } };
    const vocab = json.model.vocab;
    const [ta, tb] = [a, b].map((id) => Object.keys(vocab).find((t) => vocab[t] === id)!);
    [vocab[ta!], vocab[tb!]] = [b, a];
    fs.writeFileSync(jsonFile, JSON.stringify(json));
    const report = await verifyDir(dir, { texts: [text] });
    const check = checkOf(report)!;
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^\d+ texts where llama\.cpp and tokenizers \(Rust\) disagree/);
    const example = check.examples!.find((e) => e.startsWith(JSON.stringify(text.slice(0, 60))));
    expect(example, check.examples!.join('\n')).toMatch(
      new RegExp(`first difference at \\d+: rust ${b}, llama\\.cpp ${a}`),
    );
  });

  it('counts the known differences (Qwen3 NFC, a special token’s text) as a note, not a failure', async () => {
    const dir = await extension('qwen3');
    const decomposed = ['か\u3099きく', '\uF900の字', 'は\u309aン']; // が, a compatibility ideograph, ぱ
    const report = await verifyDir(dir, { texts: [...decomposed, 'ふつうの文'] });
    expect(checkOf(report)!.ok, report.text).toBe(true);
    expect(checkOf(report)!.detail).toMatch(/the other 3 differ by known runtime differences/);
    expect(report.notes).toContainEqual(
      expect.stringMatching(/on 3 texts, all by known runtime differences: 3 not stable under the tokenizer's Unicode/),
    );
    // verify leaves special-token literals out of its texts; the check itself counts them when given
    const texts = ['<|im_start|>user\nこんにちは<|im_end|>', 'こんにちは'];
    const r = new ReportBuilder();
    await checkLlamaCpp(dir, { texts, ids: await rustIds(dir, texts) }, r);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([[LLAMA_CPP_CHECK, true]]);
    expect(r.notes).toEqual([expect.stringMatching(/on 1 texts.*: 0 not stable .*, 1 holding a special token's text/)]);
  });
});

describe('verify without node-llama-cpp', () => {
  it('says the llama.cpp check was skipped and how to enable it, in text and --json, and passes', async () => {
    const none = tmpDir('tokext-no-llama-');
    const env = { ...process.env, TOKEXT_LLAMA_CPP: none };
    const r = await cli(['verify', sampleBuild(), '--json'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as VerifyReport;
    expect(checkOf(report)).toBeUndefined();
    expect(report.notes).toContain(
      `llama.cpp check skipped: node-llama-cpp ${LLAMA_CPP_VERSION} is not installed (npm run setup:llama-cpp, or set TOKEXT_LLAMA_CPP)`,
    );
    const other = path.join(none, 'node_modules', 'node-llama-cpp');
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'node-llama-cpp', version: '3.0.0' }));
    const text = await cli(['verify', sampleBuild()], { env });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `note llama.cpp check skipped: node-llama-cpp 3.0.0 at ${other} is not ${LLAMA_CPP_VERSION}`,
    );
  });
});

/** A safetensors checkpoint of `rows` × 2 F32 embeddings (tied head) and its config, in `dir`. */
function toyCheckpoint(dir: string, rows: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const data = Buffer.alloc(rows * 2 * 4);
  const header = Buffer.from(
    JSON.stringify({ 'model.embed_tokens.weight': { dtype: 'F32', shape: [rows, 2], data_offsets: [0, data.length] } }),
  );
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  fs.writeFileSync(path.join(dir, 'model.safetensors'), Buffer.concat([len, header, data]));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ vocab_size: rows, tie_word_embeddings: true }));
  return dir;
}

/** The rows of the grown checkpoint's embedding matrix and its config's vocab_size. */
function grownRows(dir: string): { rows: number; vocabSize: number } {
  const b = fs.readFileSync(path.join(dir, 'model.safetensors'));
  const n = Number(b.readBigUInt64LE(0));
  const h = JSON.parse(b.subarray(8, 8 + n).toString()) as Record<string, { shape: number[] }>;
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { vocab_size: number };
  return { rows: h['model.embed_tokens.weight']!.shape[0]!, vocabSize: config.vocab_size };
}

/** Every id tokenizer.json gives a token (model vocabulary and added tokens). */
function jsonIds(dir: string): number[] {
  const j = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
    added_tokens: { id: number }[];
  };
  return [...new Set([...Object.values(j.model.vocab), ...j.added_tokens.map((t) => t.id)])].sort((x, y) => x - y);
}

describe('the GGUF has exactly the rows init-embeddings writes, every id a token (llama.cpp #3583, #4958)', () => {
  it.each([
    ['SentencePiece (Mistral)', 'mistral-7b-v0.1'],
    ['byte-level (Qwen3, a checkpoint with more rows than ids)', 'qwen3'],
    ['SentencePiece-form tokenizer.json (Gemma 3)', 'gemma-3'],
  ] as const)('%s', async (_kind, name) => {
    const dir = await extension(name);
    const file = path.join(root, `${name}.gguf`);
    const g = ggufOfDir(dir);
    fs.writeFileSync(file, ggufBytes(g.kvs));
    const m = (await gguf(file, { allowLocalFile: true })).metadata as unknown as Record<string, unknown>;
    const tokens = m['tokenizer.ggml.tokens'] as string[];
    const types = m['tokenizer.ggml.token_type'] as number[];
    const model = toyCheckpoint(path.join(root, `${name}-model`), CHECKPOINT_ROWS[name]);
    const out = path.join(root, `${name}-grown`);
    const r = await initEmbeddings({ model, init: path.join(dir, 'embedding-init.json'), out, seed: 0, force: false });
    const grown = grownRows(out);
    expect([tokens.length, types.length, grown.vocabSize, r.padTo]).toEqual([
      grown.rows,
      grown.rows,
      grown.rows,
      grown.rows,
    ]);
    // ids 0..n-1, each a token: tokenizer.json names every one of them, and no GGUF entry is empty
    expect(jsonIds(dir)).toEqual(Array.from({ length: tokens.length }, (_, i) => i));
    expect(g.vocab.tokens.filter((t) => t.length === 0)).toEqual([]);
    // as written (the parser's TextDecoder drops a leading U+FEFF: Mistral and Gemma have pieces that start with one)
    expect(tokens).toEqual(g.vocab.tokens.map((t) => t.replace(/^\uFEFF/, '')));
  });
});
