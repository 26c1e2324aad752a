// One manifest schema (tokext.manifest/2, with its kind) for every directory tokext writes;
// manifests of version 1 are still read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestKind, MANIFEST_VERSION } from '../../src/io/manifest-format.js';
import { SAMPLE, cli, copySampleBuild, tmpDir } from '../helpers.js';

describe('manifests', () => {
  it('every kind of output carries the same versioned header', async () => {
    const dir = tmpDir();
    const read = (d: string) => JSON.parse(fs.readFileSync(path.join(dir, d, 'manifest.json'), 'utf8'));
    const ok = async (args: string[]) => {
      const r = await cli(args);
      expect(r.status, r.stderr).toBe(0);
    };
    copySampleBuild(path.join(dir, 'b')); // what `tokext build` wrote: the shared sample build
    await ok([
      'train',
      '--corpus',
      SAMPLE,
      '--target',
      '32300',
      '--out',
      path.join(dir, 'p.json'),
      '--progress',
      'none',
    ]);
    await ok(['plan', '--pieces', path.join(dir, 'p.json'), '--out', path.join(dir, 'plan.json')]);
    await ok(['write', '--plan', path.join(dir, 'plan.json'), '--out', path.join(dir, 'w')]);
    await ok([
      'train',
      '--from-scratch',
      '--vocab-size',
      '600',
      '--corpus',
      SAMPLE,
      '--out',
      path.join(dir, 's'),
      '--progress',
      'none',
    ]);
    await ok(['import', path.join(dir, 's', 'tokenizer.model'), '--label', 'i', '--db', path.join(dir, 'v.db')]);
    await ok(['export', 'i', '--db', path.join(dir, 'v.db'), '--out', path.join(dir, 'e')]);
    const kinds = Object.fromEntries(['b', 'w', 's', 'e'].map((d) => [d, read(d)]));
    for (const [d, m] of Object.entries(kinds)) {
      expect(m.format, d).toBe(`tokext.manifest/${MANIFEST_VERSION}`);
      expect(m.tool.name, d).toBe('tokext');
    }
    expect(Object.fromEntries(Object.entries(kinds).map(([d, m]) => [d, m.kind]))).toEqual({
      b: 'build',
      w: 'from-plan',
      s: 'from-scratch',
      e: 'imported',
    });
    // the from-scratch directory verifies as standalone under the new header
    const v = await cli(['verify', path.join(dir, 's'), '--json']);
    expect(v.status, v.stdout).toBe(0);
  });

  it('reads the kind of version-1 manifests', () => {
    expect(manifestKind({ mode: 'from-scratch' })).toBe('from-scratch');
    expect(manifestKind({ from_plan: 'plan.json' })).toBe('from-plan');
    expect(manifestKind({ imported: {} })).toBe('imported');
    expect(manifestKind({})).toBe('build');
    expect(manifestKind({ kind: 'checkpoint' })).toBe('checkpoint');
    expect(manifestKind(undefined)).toBeUndefined();
  });
});
