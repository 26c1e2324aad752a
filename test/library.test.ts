// tokext is a library: a project that depends on it imports the API by name, typed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE, tmpDir } from './helpers.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The README's "As a library" section. */
function librarySection(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## As a library\n');
  const end = readme.indexOf('\n## ', start + 1);
  expect(start, 'README.md has a section "## As a library"').toBeGreaterThanOrEqual(0);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The ```ts blocks of `text`, each with the README line it starts on. */
function tsBlocks(text: string, firstLine: number): { line: number; code: string }[] {
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
    line: firstLine + text.slice(0, m.index).split('\n').length,
    code: m[1]!,
  }));
}

/** Every .ts file under `dir`, as [path relative to src, text]. */
function srcFiles(dir = path.join(ROOT, 'src')): [string, string][] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, string][] => {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) return srcFiles(f);
    return e.name.endsWith('.ts') ? [[path.relative(path.join(ROOT, 'src'), f), fs.readFileSync(f, 'utf8')]] : [];
  });
}

/** Where each export of src/index.ts is declared: its name there (`export { renderReport as renderEvalReport }`)
 * and the module it comes from, relative to src/. */
function declaredNames(): Map<string, { name: string; from: string }> {
  const index = fs.readFileSync(path.join(ROOT, 'src', 'index.ts'), 'utf8');
  const names = new Map<string, { name: string; from: string }>();
  for (const m of index.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'\.\/([^']+)\.js'/g)) {
    for (const part of m[1]!.split(',')) {
      const [inner, outer] = part
        .replace(/^\s*type\s+/, '')
        .trim()
        .split(/\s+as\s+/);
      if (inner) names.set(outer ?? inner, { name: inner, from: `${m[2]!}.ts` });
    }
  }
  return names;
}

/** True if `text` declares `name` (a function, a class or a const) with a /** doc comment directly above. */
function declarations(text: string, name: string): { documented: boolean }[] {
  const decl = new RegExp(
    `^export (?:async )?function ${name}\\b|^export class ${name}\\b|^export const ${name} =`,
    'gm',
  );
  return [...text.matchAll(decl)].map((m) => {
    const before = text.slice(0, m.index).trimEnd();
    const open = before.lastIndexOf('/*');
    return { documented: before.endsWith('*/') && open >= 0 && before.startsWith('/**', open) };
  });
}

describe('import { build, verifyDir, ... } from "tokext"', () => {
  const app = tmpDir();
  fs.mkdirSync(path.join(app, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'tokext'), 'dir');
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));

  it('builds, verifies and evaluates through the package entry point', () => {
    const out = path.join(app, 'out');
    fs.writeFileSync(
      path.join(app, 'main.mjs'),
      `
import { build, defaultSpec, verifyDir, evaluate, curve, listVersions, UsageError, TOOL } from 'tokext';
const spec = { ...defaultSpec([{ path: ${JSON.stringify(SAMPLE)}, weight: 1 }]), target: 32400, padTo: 32448 };
const r = await build(spec, { out: ${JSON.stringify(out)}, force: false });
const v = await verifyDir(${JSON.stringify(out)});
const e = await evaluate({ tokenizers: [${JSON.stringify(out)}], corpora: [${JSON.stringify(SAMPLE)}], db: 'none.db' });
let usage = false;
try { await build({ ...spec, target: 10 }, { out: 'x', force: false }); } catch (err) { usage = err instanceof UsageError; }
console.log(JSON.stringify({ size: r.vocab.pieces.length, ok: v.ok, cpt: e.rows[0].chars_per_token, usage, name: TOOL.name, fns: [typeof curve, typeof listVersions] }));
`,
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(o).toMatchObject({ size: 32448, ok: true, usage: true, name: 'tokext', fns: ['function', 'function'] });
    expect(o.cpt).toBeGreaterThan(1);
  });

  it('has types: a TypeScript consumer type-checks, and a wrong option is a type error', () => {
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['good.ts', 'bad.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(app, 'good.ts'),
      `import { build, defaultSpec, type BuildResult, type VerifyReport } from 'tokext';
export async function f(): Promise<number> { const r: BuildResult = await build(defaultSpec([]), { out: 'o', force: false }); const v: VerifyReport | undefined = r.verify; return r.vocab.pieces.length + (v?.ok ? 1 : 0); }
`,
    );
    fs.writeFileSync(
      path.join(app, 'bad.ts'),
      `import { build, defaultSpec } from 'tokext';
export const p = build({ ...defaultSpec([]), target: 'lots' }, { out: 'o', force: false });
`,
    );
    const r = spawnSync(process.execPath, [TSC, '-p', app], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/bad\.ts\(2,.*'string' is not assignable to type 'number'/);
    expect(r.stdout).not.toMatch(/good\.ts/);
  });
});

describe('the public API: small, documented, every function shown in the README', () => {
  it('exports at most 40 functions and classes, each used in an example of the README section "As a library" and with a doc comment', async () => {
    const api = (await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href)) as Record<string, unknown>;
    const fns = Object.keys(api)
      .filter((k) => typeof api[k] === 'function')
      .sort();
    expect(fns.length).toBeGreaterThan(0);
    expect(fns.length).toBeLessThanOrEqual(40);
    // shown: imported from 'tokext' in a ts block of the section and used there
    const blocks = tsBlocks(librarySection(), 0).map((b) => b.code);
    const imported = (code: string, f: string) =>
      [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'tokext'/g)].some((m) => new RegExp(`\\b${f}\\b`).test(m[1]!));
    // the code alone: no import lines, comments or string literals ('curve.html' is no use of curve)
    const bare = (block: string) =>
      block
        .replace(/import\s*\{[^}]*\}\s*from\s*'[^']*';?/g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, "''");
    const used = (block: string, f: string) => new RegExp(`\\b${f}\\b`).test(bare(block));
    expect(fns.filter((f) => !blocks.some((code) => imported(code, f) && used(code, f)))).toEqual([]);
    const declared = declaredNames();
    const files = srcFiles();
    const undocumented = fns.filter((f) => {
      const d = declared.get(f);
      expect(d, `${f} is exported by name in src/index.ts`).toBeDefined();
      // declared in the module index.ts names, else (a re-export) in exactly one module of src/
      const inModule = files.filter(([rel]) => rel === d!.from).flatMap(([, text]) => declarations(text, d!.name));
      const found = inModule.length > 0 ? inModule : files.flatMap(([, text]) => declarations(text, d!.name));
      expect(found.length, `${f} (${d!.name}) is declared once in src/`).toBe(1);
      return !found[0]!.documented;
    });
    expect(undocumented).toEqual([]);
  });

  it('every ```ts block of the README section "As a library" type-checks against the package', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = librarySection();
    const firstLine = readme.slice(0, readme.indexOf(section)).split('\n').length;
    const blocks = tsBlocks(section, firstLine);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const app = tmpDir();
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'tokext'), 'dir');
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));
    const files = blocks.map((b) => `readme-line-${b.line}.ts`);
    blocks.forEach((b, i) => fs.writeFileSync(path.join(app, files[i]!), b.code));
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files,
      }),
    );
    const r = spawnSync(process.execPath, [TSC, '-p', app], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
