// tokext gguf: the vocab-only GGUF of an output, read back by an independent parser
// (@huggingface/gguf): the tokenizer's tokens, scores and types, tokext's mark first, the same
// bytes from a directory and from its stored version, and the output guard.
import fs from 'node:fs';
import path from 'node:path';
import { gguf } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/family/load.js';
import { cli, sampleBuild, tmpDir } from '../helpers.js';

async function parse(file: string): Promise<Record<string, unknown>> {
  return (await gguf(file, { allowLocalFile: true })).metadata as Record<string, unknown>;
}

describe('tokext gguf', () => {
  const dir = tmpDir();
  const built = sampleBuild();
  const out = path.join(dir, 'vocab.gguf');

  it('writes the vocabulary of a Mistral extension as llama.cpp reads it', async () => {
    const r = await cli(['gguf', built, '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, model: 'llama', pre: 'default', architecture: 'llama' });
    const m = await parse(out);
    const t = loadTokenizer(built);
    expect(Object.keys(m).filter((k) => !['version', 'tensor_count', 'kv_count'].includes(k))[0]).toBe('tokext.format');
    expect(m['tokext.format']).toBe('tokext.gguf/1');
    expect(m['general.architecture']).toBe('llama');
    expect(m['general.name']).toBe(path.basename(built));
    expect(m['tokenizer.ggml.model']).toBe('llama');
    const tokens = m['tokenizer.ggml.tokens'] as string[];
    expect(tokens.length).toBe(t.model.pieces.length);
    // the parser's TextDecoder drops a leading BOM (Mistral has a piece that is only U+FEFF)
    expect(tokens).toEqual(t.model.pieces.map((p) => p.piece.replace(/^\uFEFF/, '')));
    // scores are the pieces' own, but added tokens (specials, padding) score -1000 as the converter gives them
    const added = new Set(
      (
        JSON.parse(fs.readFileSync(path.join(built, 'tokenizer.json'), 'utf8')) as { added_tokens: { id: number }[] }
      ).added_tokens.map((a) => a.id),
    );
    expect(added.size).toBe(3 + t.model.paddingIds.length);
    expect(m['tokenizer.ggml.scores']).toEqual(
      t.model.pieces.map((p, id) => (added.has(id) ? -1000 : Math.fround(p.score))),
    );
    const types = m['tokenizer.ggml.token_type'] as number[];
    for (const id of t.model.paddingIds) expect(types[id]).toBe(3); // padding is CONTROL
    expect(types.slice(3, 259).every((x) => x === 6)).toBe(true); // byte pieces are BYTE
    expect(m['tokenizer.ggml.bos_token_id']).toBe(1);
    expect(m['tokenizer.ggml.eos_token_id']).toBe(2);
  });

  it('gives the same bytes again (replacing its own file) and from the stored version', async () => {
    const first = fs.readFileSync(out);
    expect((await cli(['gguf', built, '--out', out])).status).toBe(0); // its own file: no --force needed
    expect(fs.readFileSync(out).equals(first)).toBe(true);
    const db = path.join(dir, 'v.db');
    expect((await cli(['import', built, '--label', path.basename(built), '--db', db])).status).toBe(0);
    const fromStore = path.join(dir, 'stored.gguf');
    const r = await cli(['gguf', path.basename(built), '--db', db, '--out', fromStore]);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(fromStore).equals(first)).toBe(true);
  });

  it('refuses to replace a file tokext did not write, a bundled base, and a base it cannot name', async () => {
    const mine = path.join(dir, 'mine.gguf');
    fs.writeFileSync(mine, 'GGUF not ours');
    const r = await cli(['gguf', built, '--out', mine]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mine\.gguf exists and tokext did not write it/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('GGUF not ours');
    const bundled = await cli(['gguf', 'qwen3', '--out', path.join(dir, 'q.gguf'), '--db', path.join(dir, 'none.db')]);
    expect(bundled.status).toBe(2);
    expect(bundled.stderr).toMatch(/qwen3 is a bundled base, not an output/);
    const copy = path.join(dir, 'copy');
    fs.cpSync(built, copy, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as {
      base: { name: string };
      spec: { base: string };
    };
    manifest.base.name = 'some-base';
    manifest.spec.base = '/models/some-base';
    fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
    const unknown = await cli(['gguf', copy, '--out', path.join(dir, 'u.gguf')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/architecture of some-base is not known/);
    expect(fs.existsSync(path.join(dir, 'u.gguf'))).toBe(false);
    expect((await cli(['gguf', copy, '--out', path.join(dir, 'u.gguf'), '--architecture', 'llama'])).status).toBe(0);
  });

  it.each([
    ['mistral-7b-v0.1', 'llama'],
    ['llama-3', 'gpt2'],
  ] as const)(
    "--vocab-size fills a %s checkpoint's extra rows with [PAD{id}] tokens, as the converter does, and refuses fewer",
    async (base, model) => {
      const src = sampleBuild(base);
      const plain = path.join(dir, `${base}.gguf`);
      const grown = path.join(dir, `${base}-grown.gguf`);
      expect((await cli(['gguf', src, '--out', plain])).status).toBe(0);
      const n = ((await parse(plain))['tokenizer.ggml.tokens'] as string[]).length;
      const r = await cli(['gguf', src, '--out', grown, '--vocab-size', String(n + 40), '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ tokens: n + 40, model });
      const [a, b] = [await parse(plain), await parse(grown)];
      const tokens = b['tokenizer.ggml.tokens'] as string[];
      expect(tokens.slice(0, n)).toEqual(a['tokenizer.ggml.tokens']);
      expect(tokens.slice(n)).toEqual(Array.from({ length: 40 }, (_, i) => `[PAD${n + i}]`));
      const types = b['tokenizer.ggml.token_type'] as number[];
      expect(types.slice(0, n)).toEqual(a['tokenizer.ggml.token_type']);
      expect(new Set(types.slice(n))).toEqual(new Set([5])); // UNUSED
      if (model === 'llama') {
        const scores = b['tokenizer.ggml.scores'] as number[];
        expect(scores.slice(0, n)).toEqual(a['tokenizer.ggml.scores']);
        expect(new Set(scores.slice(n))).toEqual(new Set([-10000]));
      } else expect(b['tokenizer.ggml.scores']).toBeUndefined();
      const fewer = await cli(['gguf', src, '--out', path.join(dir, 'fewer.gguf'), '--vocab-size', String(n - 1)]);
      expect(fewer.status).toBe(2);
      expect(fewer.stderr).toMatch(new RegExp(`--vocab-size ${n - 1} is below the ${n} ids of`));
      expect(fs.existsSync(path.join(dir, 'fewer.gguf'))).toBe(false);
    },
  );
});
