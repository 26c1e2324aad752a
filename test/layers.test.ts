// Dependencies run one way, in pipeline order: every module imports only from its own layer or
// the layers below it, and no set of modules imports itself in a circle (type imports included).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/** Layers, lowest first: a module's layer is that of the first pattern its path (under src/) matches. */
const LAYERS: [string, RegExp][] = [
  ['foundation', /^(errors|progress|memory|options)\.ts$|^(io|types)\//],
  ['corpus', /^corpus\/(unicode|pretokenize|read|files|policy|parquet)\.ts$/],
  ['count', /^corpus\//],
  ['tokenizer formats', /^(bpe|hf|spm|vocab)\//],
  ['train', /^train\//],
  ['plan', /^plan\//],
  ['write', /^write\/|^extend\.ts$/],
  ['verify', /^verify\//],
  ['pipeline', /^(pipeline|stages)\.ts$/],
  ['store', /^store\//],
  ['diff, eval, curve, embed', /^(diff|eval|curve|embed)\//],
  ['cli', /^cli\//],
  ['library', /^index\.ts$/],
];

function layerOf(rel: string): number {
  const k = LAYERS.findIndex(([, re]) => re.test(rel));
  if (k < 0) throw new Error(`${rel} is in no layer: add it to LAYERS`);
  return k;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const f = path.join(dir, e.name);
    return e.isDirectory()
      ? sources(f)
      : e.name.endsWith('.ts')
        ? [path.relative(SRC, f).split(path.sep).join('/')]
        : [];
  });
}

/** The src modules `rel` imports (import, import type, export … from, import()). */
function importsOf(rel: string): string[] {
  const text = fs.readFileSync(path.join(SRC, rel), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!)).replace(/\.js$/, '.ts');
    out.push(target);
  }
  return out;
}

describe('module layers', () => {
  const files = sources(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('every import resolves to a source file', () => {
    const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${f} -> ${d}`));
    expect(missing).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('no module imports from a layer above its own', () => {
    const backward = [...graph].flatMap(([f, deps]) =>
      deps
        .filter((d) => graph.has(d) && layerOf(d) > layerOf(f))
        .map((d) => `${f} (${LAYERS[layerOf(f)]![0]}) -> ${d} (${LAYERS[layerOf(d)]![0]})`),
    );
    expect(backward).toEqual([]);
  });

  it('no import cycles', () => {
    // Tarjan's strongly connected components; any component of two or more modules is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let next = 0;
    const visit = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the checker sees a backward import when there is one', () => {
    expect(layerOf('corpus/read.ts')).toBeLessThan(layerOf('train/continued.ts'));
    expect(importsOf('pipeline.ts')).toContain('verify/verify.ts');
    expect(layerOf('pipeline.ts')).toBeGreaterThan(layerOf('verify/verify.ts'));
  });
});
