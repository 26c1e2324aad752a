// llama.cpp vs tokenizers (Rust) on every line of real corpora, for the sample extension of each
// bundled base (the README's table): each extension's vocab-only GGUF (as `tokext gguf` writes it)
// loaded in llama.cpp, each non-empty line encoded by both without special tokens, the differing
// lines counted by verify's rule (a known runtime difference, or not).
// Needs `npm run build` and `npm run setup:llama-cpp` (or TOKEXT_LLAMA_CPP).
// Usage: node scripts/llamacpp-parity.mjs [--builds DIR] [--corpora DIR] [--json FILE]
//   --builds   where the four sample extensions are built (reused when there); default a temporary directory
//   --corpora  the directory holding ja-eval-jglue/ and en-tinyshakespeare/ (default ../shared/data/corpora)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (m) => import(pathToFileURL(path.join(root, 'dist', m)).href);
const { ggufOfDir } = await dist('verify/gguf-of-dir.js');
const { ggufBytes } = await dist('gguf/writer.js');
const { compareWithLlamaCpp, knownRulesOf } = await dist('verify/llamacpp.js');
const { llamaCpp } = await dist('verify/llamacpp-runtime.js');
const { Tokenizer } = createRequire(path.join(root, 'package.json'))('tokenizers');

const args = process.argv.slice(2);
const arg = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const builds = path.resolve(arg('--builds', fs.mkdtempSync(path.join(os.tmpdir(), 'tokext-llamacpp-parity-'))));
const corpora = path.resolve(arg('--corpora', path.join(root, '..', 'shared', 'data', 'corpora')));
const CORPORA = ['ja-eval-jglue', 'en-tinyshakespeare'];
/** The bases and the size of their sample extension (every piece the sample corpus supplies, as the README's builds). */
const BASES = { 'mistral-7b-v0.1': 34000, 'llama-3': 130256, qwen3: 153669, 'gemma-3': 264145 };

const rt = await llamaCpp();
if ('skipped' in rt) {
  console.error(`llama.cpp is not available: ${rt.skipped}`);
  process.exit(1);
}

/** The sample extension of `base`, built unless it is there. */
function extension(base, target) {
  const out = path.join(builds, base);
  if (!fs.existsSync(path.join(out, 'manifest.json'))) {
    const tokext = path.join(root, 'bin', 'tokext.js');
    const a = [
      'build',
      '--no-db',
      '--base',
      base,
      '--target',
      String(target),
      '--corpus',
      path.join(root, 'corpora', 'sample'),
    ];
    execFileSync(process.execPath, [tokext, ...a, '--out', out, '--force', '--progress', 'none'], { stdio: 'ignore' });
  }
  return out;
}

/** The non-empty lines of every .txt file of a corpus directory, files in name order. */
function linesOf(dir) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  return files.flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n')).filter((l) => l.length > 0);
}

const rows = [];
console.log(
  '| base | corpus | lines compared | lines differing | by the normaliser | by a special-token literal | other |',
);
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const [base, target] of Object.entries(BASES)) {
  const dir = extension(base, target);
  const g = ggufOfDir(dir, { defaultArchitecture: 'llama' });
  const file = path.join(builds, `${base}.gguf`);
  fs.writeFileSync(file, ggufBytes(g.kvs));
  const vocab = await rt.llama.loadModel({ modelPath: file, vocabOnly: true });
  const rust = Tokenizer.fromFile(path.join(dir, 'tokenizer.json'));
  for (const corpus of CORPORA) {
    const lines = linesOf(path.join(corpora, corpus));
    const ids = [];
    for (let i = 0; i < lines.length; i += 4096)
      for (const e of await rust.encodeBatch(lines.slice(i, i + 4096), { addSpecialTokens: false }))
        ids.push(e.getIds());
    const c = await compareWithLlamaCpp(vocab, lines, ids, knownRulesOf(g));
    const differing = c.known.normaliser + c.known['special-literal'] + c.other.length;
    rows.push({ base, corpus, compared: c.compared, differing, known: c.known, other: c.other.slice(0, 5) });
    console.log(
      `| ${base} (${target.toLocaleString('en-US')}) | ${corpus} | ${c.compared.toLocaleString('en-US')} | ${differing} | ${c.known.normaliser} | ${c.known['special-literal']} | ${c.other.length} |`,
    );
  }
  await vocab.dispose();
}
const json = arg('--json');
if (json) fs.writeFileSync(json, `${JSON.stringify({ node_llama_cpp: rt.version, rows }, null, 2)}\n`);
