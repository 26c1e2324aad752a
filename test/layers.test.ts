// Dependencies run one way, in pipeline order: every module imports only from its own layer or
// the layers below it, and no set of modules imports itself in a circle (type imports included).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/** Layers, lowest first: a module's layer is that of the first pattern its path (under src/) matches. */
const LAYERS: [string, RegExp][] = [
  ['foundation', /^(errors|progress|memory|spec|threads)\.ts$|^(io|types)\//],
  ['corpus', /^corpus\/(unicode|pretokenize|read|files|policy|parquet)\.ts$/],
  ['count', /^corpus\//],
  ['vocabulary model', /^vocab\//],
  ['BPE', /^bpe\//],
  ['Unigram', /^unigram\//],
  ['SentencePiece format', /^spm\//],
  ['HF format', /^hf\//],
  ['GGUF format', /^gguf\//],
  ['bases as data', /^base\//],
  ['train', /^train\//],
  ['plan', /^plan\//],
  ['write', /^write\//],
  ['verify', /^verify\//],
  ['families', /^family\//],
  ['stages', /^stages\//],
  ['store', /^store\//],
  ['diff, eval, curve, embed, llama.cpp', /^(diff|eval|curve|embed|llamacpp)\//],
  ['serve', /^serve\//],
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

/** The cycles of `graph` (Tarjan's strongly connected components: any component of two or more
 * nodes, or a node that imports itself). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
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
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return cycles;
}

/** The folder of a module (its first path part; a module at the root is its own folder). */
const folderOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel);

/** The graph of folders: folder A imports folder B when a module of A imports one of B. */
function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [f, deps] of graph) {
    const from = folderOf(f);
    const set = out.get(from) ?? new Set<string>();
    for (const d of deps) if (folderOf(d) !== from) set.add(folderOf(d));
    out.set(from, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
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
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('no cycles between folders (bpe, hf, spm, vocab, base, family, … each a unit)', () => {
    expect(cyclesOf(folderGraph(graph))).toEqual([]);
  });

  it('the checker sees a backward import when there is one', () => {
    expect(layerOf('corpus/read.ts')).toBeLessThan(layerOf('train/continued.ts'));
    expect(importsOf('stages/build.ts')).toContain('family/verify.ts');
    expect(layerOf('stages/build.ts')).toBeGreaterThan(layerOf('family/verify.ts'));
  });

  it('the checkers see cycles of modules and of folders', () => {
    const planted = new Map([
      ['hf/model.ts', ['vocab/model.ts']],
      ['vocab/model.ts', ['vocab/base.ts']],
      ['vocab/base.ts', ['hf/other.ts']],
      ['hf/other.ts', []],
    ]);
    expect(cyclesOf(planted)).toEqual([]); // no cycle of files ...
    expect(cyclesOf(folderGraph(planted))).toEqual([['hf', 'vocab']]); // ... but one of folders
    expect(
      cyclesOf(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['a.ts']],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });
});
