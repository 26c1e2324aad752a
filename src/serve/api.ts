// The JSON API of `tokext serve`: each view's data, computed by the library (the runtimes eval
// and verify use, diffVocab), never by a second tokenizer. Pure request → value functions; the
// server maps ApiError to its status.
import type { DiffResult } from '../diff/diff.js';
import { codePointLength, pieceScriptClass, SCRIPTS } from '../corpus/unicode.js';
import { byteOfPiece, isNewKind, PieceType } from '../vocab/model.js';
import { curveChart } from '../curve/report.js';
import type { StoredCurve } from '../store/curves.js';
import type { Catalog, CatalogEntry } from './catalog.js';

/** A request the API cannot answer: 400 (malformed), 404 (unknown), 413 (too large). */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The longest text compare takes, in characters (the body limit is 1 MB). */
export const MAX_COMPARE_CHARS = 200_000;
/** The most rows a page of pieces or of a diff list holds. */
export const MAX_PAGE = 500;

/** `ref` if the catalog holds it; else a 404 naming it. */
function known(c: Catalog, ref: unknown, name: string): string {
  if (typeof ref !== 'string' || ref === '') throw new ApiError(400, `${name}: a version is required`);
  if (!c.has(ref)) throw new ApiError(404, `${name}: no version "${ref}" (see /api/versions)`);
  return ref;
}

/** An integer query parameter in [min, max], or its default. */
export function intParam(v: string | undefined, name: string, def: number, min: number, max: number): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ApiError(400, `${name}: must be an integer from ${min} to ${max}`);
  return n;
}

/** The versions view: every tokenizer the server shows. */
export function versions(c: Catalog): { versions: CatalogEntry[] } {
  return { versions: c.references.map((ref) => c.item(ref).entry) };
}

/** What the pieces list of a version can be narrowed to. */
export interface PieceQuery {
  q?: string; // a substring of the piece's text
  script?: string; // one of SCRIPTS
  kind?: string; // new-char, new-merge, base, padding
  sort?: string; // order (ids, the training order) or count (most counted first)
  offset: number;
  limit: number;
}

/** One row of a version's pieces. */
export interface PieceRow {
  id: number;
  piece: string;
  kind: string;
  script: string;
  count: number | null;
  decomposition: string[] | null; // the base's pieces for it (new pieces of a bundled base's extension)
}

/** A version's kept size curve: the chart (as `tokext curve --report` draws it) and its figures. */
export interface VersionCurve {
  svg: string;
  curves: StoredCurve[];
}

function curveOf(c: Catalog, ref: string, label: string): VersionCurve | null {
  const curves = c.curves(ref);
  if (curves.length === 0) return null;
  const svg = curveChart({
    tokenizer: label,
    points: curves.flatMap((k) => k.points),
    knees: curves.map((k) => ({ corpus: k.corpus, ...k.knee })),
  });
  return { svg, curves };
}

/** The one-version view: summary, manifest, README and a page of its pieces (new ones by default). */
export function version(
  c: Catalog,
  refParam: unknown,
  q: PieceQuery,
): {
  entry: CatalogEntry;
  manifest: object | null;
  readme: string | null;
  pieces: { total: number; offset: number; rows: PieceRow[] };
  curve: VersionCurve | null;
} {
  const ref = known(c, refParam, 'ref');
  if (q.script !== undefined && q.script !== '' && !(SCRIPTS as readonly string[]).includes(q.script))
    throw new ApiError(400, `script: one of ${SCRIPTS.join(', ')}`);
  if (q.sort !== undefined && q.sort !== '' && q.sort !== 'order' && q.sort !== 'count')
    throw new ApiError(400, 'sort: order or count');
  const it = c.item(ref);
  const kind = q.kind || (it.entry.new_pieces > 0 ? 'new' : '');
  let ids: number[] = [];
  it.model.pieces.forEach((p, id) => {
    const k = it.kinds[id]!;
    if (kind === 'new' ? !isNewKind(k) : kind !== '' && k !== kind) return;
    if (q.q && !p.piece.includes(q.q)) return;
    if (q.script && pieceScriptClass(p.piece) !== q.script) return;
    ids.push(id);
  });
  if (q.sort === 'count' && it.counts) {
    const counts = it.counts;
    ids = ids.sort((a, b) => (counts[b] ?? -1) - (counts[a] ?? -1) || a - b);
  }
  const page = ids.slice(q.offset, q.offset + q.limit);
  const decompose = page.some((id) => isNewKind(it.kinds[id]!)) ? c.decomposer(it.baseRef) : null;
  const rows = page.map((id) => {
    const p = it.model.pieces[id]!;
    const k = it.kinds[id]!;
    return {
      id,
      piece: p.piece,
      kind: k,
      script: pieceScriptClass(p.piece),
      count: it.counts?.[id] ?? null,
      decomposition: decompose && isNewKind(k) ? decompose(p.piece) : null,
    };
  });
  return {
    entry: it.entry,
    manifest: it.manifest,
    readme: it.readme,
    pieces: { total: ids.length, offset: q.offset, rows },
    curve: curveOf(c, ref, it.entry.label),
  };
}

/** One token of a compare side. */
export interface TokenSpan {
  id: number;
  piece: string;
  text: string; // what the token adds to the decoded text (a byte that does not end a character: nothing)
  kind: string; // base, new-char, new-merge, padding, imported
  mark: 'byte' | 'unknown' | 'special' | null; // byte fallback, <unk>, a control or added token
}

/** One side of a compare. */
export interface CompareSide {
  ref: string;
  label: string;
  tokens: number;
  chars: number; // Unicode code points of the text
  chars_per_token: number;
  spans: TokenSpan[];
}

async function side(c: Catalog, ref: string, text: string): Promise<CompareSide> {
  const t = await c.runtime(ref);
  const [ids] = await t.encodeBatch([text]);
  const chars = codePointLength(text);
  // Streamed: a byte-fallback token that does not end a character adds no text, the one that ends it adds the character.
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  const spans = ids!.map((id) => {
    const p = t.pieces[id];
    const mark: TokenSpan['mark'] =
      p === undefined
        ? null
        : byteOfPiece(p.piece) !== undefined
          ? 'byte'
          : p.type === PieceType.UNKNOWN
            ? 'unknown'
            : p.type === PieceType.CONTROL || p.type === PieceType.USER_DEFINED
              ? 'special'
              : null;
    return {
      id,
      piece: p?.piece ?? '',
      text: utf8.decode(t.tokenBytes(id), { stream: true }),
      kind: t.kinds[id] ?? 'base',
      mark,
    };
  });
  return {
    ref,
    label: c.item(ref).entry.label,
    tokens: ids!.length,
    chars,
    chars_per_token: ids!.length === 0 ? 0 : Math.round((chars / ids!.length) * 1000) / 1000,
    spans,
  };
}

/** The compare view: `text` tokenized by A and by B. */
export async function compare(
  c: Catalog,
  body: unknown,
): Promise<{ a: CompareSide; b: CompareSide; difference: number }> {
  if (typeof body !== 'object' || body === null) throw new ApiError(400, 'the body must be a JSON object {a, b, text}');
  const { a, b, text } = body as { a?: unknown; b?: unknown; text?: unknown };
  const ra = known(c, a, 'a');
  const rb = known(c, b, 'b');
  if (typeof text !== 'string') throw new ApiError(400, 'text: a string is required');
  if (text.length > MAX_COMPARE_CHARS)
    throw new ApiError(413, `text: at most ${MAX_COMPARE_CHARS.toLocaleString('en-US')} characters`);
  const [sa, sb] = await Promise.all([side(c, ra, text), side(c, rb, text)]);
  return { a: sa, b: sb, difference: sb.tokens - sa.tokens };
}

/** The list sections of a diff, paged. */
const LISTS = ['added', 'added_padding', 'removed', 'replaced', 'renumbered', 'changed'] as const;

/** The diff view: `tokext diff A B` (the same diffVocab), its lists paged. */
export function diff(
  c: Catalog,
  aParam: unknown,
  bParam: unknown,
  page: { offset: number; limit: number },
): DiffResult & { totals: Record<(typeof LISTS)[number], number>; offset: number } {
  const d = c.diff(known(c, aParam, 'a'), known(c, bParam, 'b'));
  const totals = Object.fromEntries(LISTS.map((k) => [k, d[k].length])) as Record<(typeof LISTS)[number], number>;
  const paged = Object.fromEntries(LISTS.map((k) => [k, d[k].slice(page.offset, page.offset + page.limit)]));
  return { ...d, ...paged, totals, offset: page.offset };
}
