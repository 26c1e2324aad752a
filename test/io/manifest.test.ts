// manifest.json as readers see it (src/io/manifest.ts): a good manifest read back, a broken one
// refused with the file and the field named, and the kind of a manifest of either schema version.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  ARTEFACTS,
  HF_ARTEFACTS,
  MANIFEST_VERSION,
  isStandalone,
  manifestHeader,
  manifestKind,
  readManifest,
} from '../../src/io/manifest-format.js';
import { TOOL } from '../../src/spec.js';
import { tmpDir } from '../helpers.js';

/** A directory holding `manifest` as its manifest.json. */
function dirWith(manifest: unknown): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'manifest.json');
  fs.writeFileSync(file, typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return { dir, file };
}

const GOOD = {
  ...manifestHeader('build'),
  spec: {
    base: 'mistral-7b-v0.1',
    target: 32600,
    padTo: 32640,
    padPrefix: '<|extra_',
    policy: 'japanese-only',
    extra: [1],
  },
  base: { name: 'mistral-7b-v0.1', vocab_size: 32000, format: 'sentencepiece' },
  artefacts: { 'tokenizer.json': 'ab12' },
  verify: { ok: true },
};

describe('readManifest', () => {
  it('reads a good manifest, keeping fields the schema does not name', () => {
    const { dir } = dirWith(GOOD);
    expect(readManifest(dir)).toEqual(GOOD);
  });

  it('no manifest.json: undefined', () => {
    expect(readManifest(tmpDir())).toBeUndefined();
  });

  it('a wrong field: an InputError naming the file and the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...GOOD, spec: { ...GOOD.spec, target: -5 } }, /: not a valid manifest\.json: spec\.target: /],
      [{ ...GOOD, spec: { ...GOOD.spec, padTo: 1.5 } }, /: not a valid manifest\.json: spec\.padTo: /],
      [{ ...GOOD, kind: 'weird' }, /: not a valid manifest\.json: kind: /],
      [{ ...GOOD, base: { ...GOOD.base, format: 'onnx' } }, /: not a valid manifest\.json: base\.format: /],
      [{ ...GOOD, artefacts: { 'tokenizer.json': 7 } }, /: not a valid manifest\.json: artefacts\.tokenizer\.json: /],
      [[GOOD], /: not a valid manifest\.json: the top level: /],
    ];
    for (const [m, re] of cases) {
      const { dir, file } = dirWith(m);
      let err: unknown;
      try {
        readManifest(dir, 'rebuild');
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(m)).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(file);
      expect((err as Error).message.startsWith(`${file}: `)).toBe(true);
      expect((err as Error).message).toMatch(re);
      expect((err as InputError).suggestion).toBe('rebuild');
    }
  });

  it('a truncated manifest: an InputError naming the file', () => {
    const { dir, file } = dirWith('{"format": "tokext.manifest/2", "kind": "bu');
    expect(() => readManifest(dir)).toThrow(new RegExp(`^${file}: not valid JSON`));
  });
});

describe('manifest header and kind', () => {
  it('every manifest starts with format, kind and tool', () => {
    expect(MANIFEST_VERSION).toBe(2);
    expect(manifestHeader('imported')).toEqual({
      format: 'tokext.manifest/2',
      kind: 'imported',
      tool: { name: 'tokext', version: TOOL.version },
    });
    expect(Object.keys(manifestHeader('build'))).toEqual(['format', 'kind', 'tool']);
  });

  it('the kind of a version-1 manifest (no kind) is inferred from its fields', () => {
    expect(manifestKind({ kind: 'checkpoint', mode: 'from-scratch' })).toBe('checkpoint'); // a kind wins
    expect(manifestKind({ mode: 'from-scratch' })).toBe('from-scratch');
    expect(manifestKind({ from_plan: 'plan.json' })).toBe('from-plan');
    expect(manifestKind({ imported: {} })).toBe('imported');
    expect(manifestKind({})).toBe('build');
    expect(manifestKind(undefined)).toBeUndefined();
    expect([isStandalone({ mode: 'from-scratch' }), isStandalone({ kind: 'build' }), isStandalone(undefined)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('the artefact lists, in the order they are written', () => {
    expect(ARTEFACTS).toEqual([
      'tokenizer.json',
      'tokenizer.model',
      'tokenizer_config.json',
      'special_tokens_map.json',
      'embedding-init.json',
    ]);
    expect(HF_ARTEFACTS).toEqual([
      'tokenizer.json',
      'tokenizer_config.json',
      'special_tokens_map.json',
      'embedding-init.json',
    ]);
  });
});
