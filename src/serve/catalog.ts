// What `tokext serve` shows: the store's versions, the build directories it was given and the
// bundled bases, each under one reference (a label, the directory as given, a base's name).
// Only these references are ever opened: a client cannot make the server read another path.
import fs from 'node:fs';
import path from 'node:path';
import { emptyStats, listCorpusFiles, readCorpusFile, type CorpusFile } from '../corpus/read.js';
import { resolveSide } from '../diff/side.js';
import { diffVocab, type DiffResult, type DiffSide } from '../diff/diff.js';
import { openEvalTokenizer, type EvalTokenizer } from '../eval/engine.js';
import { BASE_NAMES, loadBase, loadTokenizer } from '../family/load.js';
import { readManifest } from '../io/manifest-format.js';
import { openStore } from '../store/db.js';
import { loadCurves, type StoredCurve } from '../store/curves.js';
import { listVersions, loadVersion, type VersionRow } from '../store/versions.js';
import { isNewKind, type Model, type PieceKind } from '../vocab/model.js';

/** One tokenizer as the versions view lists it. */
export interface CatalogEntry {
  ref: string; // what the API and the page's URLs name it by
  origin: 'store' | 'dir' | 'bundled';
  label: string;
  base: string | null; // the base it extends
  ids: number; // real entries, padding excluded
  padded: number; // every id
  new_pieces: number;
  padding: number;
  chars_per_token: number | null; // what verify measured, when recorded
  created: string | null;
  source: string; // where it came from: the store's source, the directory, the npm package
  built_from: string[]; // the corpus files it was trained on (none for a base or an import)
}

/** An entry with what the detail view needs: the model, kinds and counts, manifest and README. */
export interface CatalogItem {
  entry: CatalogEntry;
  model: Model;
  kinds: (PieceKind | 'imported')[];
  counts: (number | null)[] | undefined;
  manifest: object | null;
  readme: string | null;
  baseRef: string | null; // how to load the base: the build's --base (a bundled name or a path)
}

/** The corpus files a manifest says the build read. */
function inputsOf(manifest: unknown): string[] {
  const inputs = (manifest as { inputs?: { path?: unknown }[] } | null)?.inputs;
  return Array.isArray(inputs) ? inputs.map((i) => String(i.path)) : [];
}

/** Verify's chars/token in a manifest, if recorded. */
function measured(manifest: unknown): number | null {
  const v = (manifest as { verify?: { efficiency?: { chars_per_token?: number } } } | null)?.verify;
  return v?.efficiency?.chars_per_token ?? null;
}

function entryOf(
  ref: string,
  origin: CatalogEntry['origin'],
  label: string,
  model: Model,
  kinds: readonly string[],
  rest: Pick<CatalogEntry, 'base' | 'chars_per_token' | 'created' | 'source' | 'built_from'>,
): CatalogEntry {
  const padding = model.paddingIds.length;
  return {
    ref,
    origin,
    label,
    ids: model.pieces.length - padding,
    padded: model.pieces.length,
    new_pieces: kinds.filter(isNewKind).length,
    padding,
    ...rest,
  };
}

/** The decomposition of pieces by `base`'s own tokenizer (its family's), or null when it cannot be loaded. */
function decomposerOf(base: string): ((piece: string) => string[]) | null {
  let b;
  try {
    b = loadBase(base);
  } catch {
    return null;
  }
  const pieces = b.asModel().model.pieces;
  const split = b.decomposer();
  return (piece) => split(piece).map((id) => pieces[id]!.piece);
}

/** A line of a corpus given to the server, to compare on. */
export interface CorpusLine {
  source: string; // the file
  line: number; // its record number, from 1
  text: string;
}

/** The most lines read from the corpora given (the first ones of each file, in turn). */
export const MAX_LINES = 2000;

/** The first non-empty lines of each file of `corpora`, at most MAX_LINES in all. */
async function corpusLines(files: readonly CorpusFile[], textField: string): Promise<CorpusLine[]> {
  const per = Math.max(1, Math.ceil(MAX_LINES / Math.max(1, files.length)));
  const out: CorpusLine[] = [];
  for (const f of files) {
    let line = 0;
    await readCorpusFile(f, { textField, skipInvalid: true, maxRecords: per }, emptyStats(), (text) => {
      line++;
      if (text.trim() !== '' && out.length < MAX_LINES) out.push({ source: f.path, line, text });
    });
  }
  return out;
}

/** The tokenizers a server shows; items and runtimes are loaded on first use and kept. */
export class Catalog {
  private readonly items = new Map<string, CatalogItem>();
  private readonly runtimes = new Map<string, Promise<EvalTokenizer>>();
  private readonly sides = new Map<string, DiffSide>();
  private readonly diffs = new Map<string, DiffResult>();
  private readonly decomposers = new Map<string, ((piece: string) => string[]) | null>();
  private readonly refs: { ref: string; origin: CatalogEntry['origin'] }[];
  private readonly rows: VersionRow[];

  private sample?: Promise<CorpusLine[]>;
  private readonly corpusFiles: CorpusFile[];

  /** @param db the store (absent: no stored versions); @param dirs build directories to show;
   * @param corpora text files or directories whose first lines the compare view offers */
  constructor(
    private readonly db: string,
    dirs: readonly string[],
    corpora: readonly string[] = [],
    private readonly textField = 'text',
  ) {
    this.corpusFiles = corpora.flatMap((c) => listCorpusFiles(c)); // a corpus that is not there fails now, not on a request
    this.rows = fs.existsSync(db) ? this.storedRows() : [];
    const stored = this.rows.map((r) => r.label);
    this.refs = [
      ...stored.map((ref) => ({ ref, origin: 'store' as const })),
      ...dirs.map((ref) => ({ ref, origin: 'dir' as const })),
      ...BASE_NAMES.filter((n) => !stored.includes(n)).map((ref) => ({ ref, origin: 'bundled' as const })),
    ];
  }

  private storedRows(): VersionRow[] {
    const store = openStore(this.db, { readonly: true });
    try {
      return listVersions(store, this.db);
    } finally {
      store.close();
    }
  }

  /** Every reference, in the order listed: stored versions (oldest first), directories, bases. */
  get references(): string[] {
    return this.refs.map((r) => r.ref);
  }

  has(ref: string): boolean {
    return this.refs.some((r) => r.ref === ref);
  }

  /** The item `ref` names (which must be in the catalog). */
  item(ref: string): CatalogItem {
    let it = this.items.get(ref);
    if (!it) {
      it = this.load(ref);
      this.items.set(ref, it);
    }
    return it;
  }

  private load(ref: string): CatalogItem {
    const origin = this.refs.find((r) => r.ref === ref)?.origin;
    if (origin === 'store') {
      const store = openStore(this.db, { readonly: true });
      try {
        const v = loadVersion(store, this.db, ref);
        const manifest = v.manifestText ? (JSON.parse(v.manifestText) as object) : null;
        const entry = entryOf(ref, 'store', v.label, v.model, v.kinds, {
          base: v.baseName ?? null,
          chars_per_token: (v.efficiency as { chars_per_token?: number } | undefined)?.chars_per_token ?? null,
          created: this.rows.find((r) => r.label === ref)?.created_at ?? null,
          source: v.source,
          built_from: v.inputs?.length ? v.inputs.map((i) => i.path) : inputsOf(manifest), // an import: its manifest's
        });
        const baseRef = (v.spec as { base?: string } | undefined)?.base ?? v.baseName ?? null;
        return { entry, model: v.model, kinds: v.kinds, counts: v.counts, manifest, readme: null, baseRef };
      } finally {
        store.close();
      }
    }
    if (origin === 'dir') {
      const t = loadTokenizer(ref);
      const dir = fs.statSync(ref).isDirectory() ? ref : path.dirname(ref);
      const manifest = readManifest(dir) ?? null;
      const readmeFile = path.join(dir, 'README.md');
      const entry = entryOf(ref, 'dir', t.name, t.model, t.kinds, {
        base: t.baseName ?? null,
        chars_per_token: measured(manifest),
        created: fs.statSync(ref).mtime.toISOString(),
        source: path.resolve(ref),
        built_from: inputsOf(manifest),
      });
      return {
        entry,
        model: t.model,
        kinds: t.kinds,
        counts: undefined,
        manifest,
        readme: fs.existsSync(readmeFile) ? fs.readFileSync(readmeFile, 'utf8') : null,
        baseRef: (t.spec as { base?: string } | undefined)?.base ?? t.baseName ?? null,
      };
    }
    const b = loadBase(ref);
    const { model } = b.asModel();
    const kinds = model.pieces.map(() => 'base' as const);
    const entry = entryOf(ref, 'bundled', ref, model, kinds, {
      base: null,
      chars_per_token: null,
      created: null,
      source: `bundled base ${ref}`,
      built_from: [],
    });
    return { entry, model, kinds, counts: undefined, manifest: null, readme: null, baseRef: null };
  }

  /** The size curves `tokext curve` kept with `ref` (a stored version; none for others), read on
   * each call: a curve measured while the server runs shows on the next request. */
  curves(ref: string): StoredCurve[] {
    const row = this.rows.find((r) => r.label === ref);
    if (!row || !this.refs.some((r) => r.ref === ref && r.origin === 'store')) return [];
    const store = openStore(this.db, { readonly: true });
    try {
      return loadCurves(store, this.db, row.id);
    } finally {
      store.close();
    }
  }

  /** Lines of the corpora given, read once. */
  lines(): Promise<CorpusLine[]> {
    this.sample ??= corpusLines(this.corpusFiles, this.textField);
    return this.sample;
  }

  /** The runtime that encodes for `ref`: the one eval uses (SentencePiece or HF tokenizers). */
  runtime(ref: string): Promise<EvalTokenizer> {
    let r = this.runtimes.get(ref);
    if (!r) {
      r = openEvalTokenizer(ref, this.db);
      this.runtimes.set(ref, r);
      r.catch(() => this.runtimes.delete(ref));
    }
    return r;
  }

  /** `ref` as one side of a diff. */
  private side(ref: string): DiffSide {
    let s = this.sides.get(ref);
    if (!s) {
      s = resolveSide(ref, this.db);
      this.sides.set(ref, s);
    }
    return s;
  }

  /** What changed from `a` to `b` (diffVocab, as `tokext diff`), computed once per pair. */
  diff(a: string, b: string): DiffResult {
    const key = JSON.stringify([a, b]);
    let d = this.diffs.get(key);
    if (!d) {
      d = diffVocab(this.side(a), this.side(b));
      this.diffs.set(key, d);
    }
    return d;
  }

  /** Decomposes a new piece by base `base`'s own BPE (the pieces its embedding row starts from);
   * null when there is no base, or it cannot be loaded any more (a path since moved). */
  decomposer(base: string | null): ((piece: string) => string[]) | null {
    if (!base) return null;
    if (!this.decomposers.has(base)) this.decomposers.set(base, decomposerOf(base));
    return this.decomposers.get(base)!;
  }
}
