// verify's reachable check decides with the runtimes: a new token whose own text the written
// tokenizer.json (tokenizers, Rust) or tokenizer.model (SentencePiece) encodes otherwise fails it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelProto, writeModelProto } from '../../src/spm/modelproto.js';
import { verifyDir } from '../../src/family/verify.js';
import type { Check } from '../../src/verify/report.js';
import { PieceType } from '../../src/vocab/model.js';
import { sampleBuild, sampleBuildChecks, tmpDir, type SampleBase } from '../helpers.js';

/** The shared sample build of `base` and the checks its build's verify recorded. */
const sampleOf = (base: SampleBase): { out: string; checks: Check[] } => ({
  out: sampleBuild(base),
  checks: sampleBuildChecks(base),
});

/** A copy of `dir` to plant a fault in. */
function copyOf(dir: string): string {
  const to = path.join(tmpDir(), 'planted');
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

type Json = { model: { vocab: Record<string, number>; merges: (string | [string, string])[] } };

/** Removes from `dir`'s tokenizer.json the merge that makes the first new token of `size` or
 * more a merge makes; returns that token's id and text. */
function dropMerge(dir: string, size: number): { id: number; text: string } {
  const file = path.join(dir, 'tokenizer.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const pair = (m: string | [string, string]) => (typeof m === 'string' ? (m.split(' ') as [string, string]) : m);
  const k = json.model.merges.findIndex((m) => (json.model.vocab[pair(m).join('')] ?? -1) >= size);
  const text = pair(json.model.merges[k]!).join('');
  json.model.merges.splice(k, 1);
  fs.writeFileSync(file, JSON.stringify(json));
  return { id: json.model.vocab[text]!, text };
}

const reachable = (checks: Check[]) => checks.find((c) => c.name === 'reachable')!;

describe('reachable (SentencePiece dir)', () => {
  let out = '';
  let checks: Check[] = [];
  beforeAll(() => ({ out, checks } = sampleOf('mistral-7b-v0.1')));

  it('passes on an unmodified build', () => {
    expect(reachable(checks)).toMatchObject({ ok: true, detail: 'every new piece encodes to itself' });
  });

  it('fails naming a piece whose merge tokenizer.json lacks (tokenizers, Rust)', async () => {
    const dir = copyOf(out);
    const { id, text } = dropMerge(dir, 32000);
    const c = reachable((await verifyDir(dir)).checks);
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(/^\d+ unreachable new pieces$/);
    expect(c.examples).toContain(`${id} ${JSON.stringify(text)}`);
  });

  it('decides on a worker thread what it decides on the calling thread, in the same place of the report', async () => {
    const dir = copyOf(out);
    dropMerge(dir, 32000);
    const one = await verifyDir(dir, { threads: 1 });
    const two = await verifyDir(dir, { threads: 2 });
    expect(reachable(one.checks).ok).toBe(false);
    expect(two.checks).toEqual(one.checks);
    expect(two.text).toBe(one.text);
    const names = two.checks.map((c) => c.name);
    expect(names.slice(names.indexOf('reachable') - 1, names.indexOf('reachable') + 2)).toEqual([
      'two-views-one-model',
      'reachable',
      'character-closure',
    ]);
  });

  it('fails naming a piece that tokenizer.model makes unusable (SentencePiece)', async () => {
    const dir = copyOf(out);
    const file = path.join(dir, 'tokenizer.model');
    const m = readModelProto(fs.readFileSync(file));
    const id = m.pieces.findIndex((p, i) => i >= 32000 && p.type === PieceType.NORMAL && [...p.piece].length === 2);
    m.pieces[id] = { ...m.pieces[id]!, type: PieceType.UNUSED };
    fs.writeFileSync(file, writeModelProto({ ...m, paddingIds: [] }));
    const c = reachable((await verifyDir(dir)).checks);
    expect(c.ok).toBe(false);
    expect(c.examples).toContain(`${id} ${JSON.stringify(m.pieces[id].piece)}`);
  });
});

describe('reachable (byte-level HF dir)', () => {
  let out = '';
  let checks: Check[] = [];
  beforeAll(() => ({ out, checks } = sampleOf('qwen3')));

  it('passes on an unmodified build', () => {
    expect(reachable(checks)).toMatchObject({
      ok: true,
      detail: 'every new token encodes from its own bytes to itself',
    });
  });

  it('fails naming a token whose merge tokenizer.json lacks', async () => {
    const dir = copyOf(out);
    const { id, text } = dropMerge(dir, 151669);
    const c = reachable((await verifyDir(dir)).checks);
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(/^\d+ unreachable new tokens$/);
    expect(c.examples?.[0]).toBe(`${id} ${JSON.stringify(text)}`);
  });
});
