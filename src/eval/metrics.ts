// Efficiency metrics of one tokenizer on one corpus (pure accumulation).
import { PieceType, type Piece } from '../vocab/model.js';

/** One row of the eval result. */
export interface EvalRow {
  tokenizer: string;
  corpus: string;
  lines: number;
  chars: number; // Unicode code points of the non-empty lines
  bytes: number; // UTF-8 bytes
  tokens: number; // without BOS
  chars_per_token: number;
  chars_per_token_with_bos: number; // Shisa's protocol: one BOS per line counted
  bytes_per_token: number;
  tokens_per_line: number;
  byte_fallback_rate: number; // share of tokens that are byte pieces
  unknown_rate: number; // share of tokens that are <unk>
  roundtrip_exact: number; // % of lines with decode(encode(x)) == x
  vocab_used: number; // distinct ids used on this corpus
  vocab_utilisation: number; // vocab_used / vocabulary size
  new_pieces: number | null; // an extension's new pieces (null for others)
  dead_new_pieces: number | null; // of those, never used on this corpus
  new_token_rate: number | null; // share of the tokens that are new pieces (null for others)
  renyi_efficiency: number; // Rényi entropy of order RENYI_ALPHA of the token distribution / log of the distinct tokens used (tokenization-scorer's measure)
}

/** The order of the Rényi efficiency (Zouhar et al. 2023, tokenization-scorer's default). */
export const RENYI_ALPHA = 2.5;

/** Rényi efficiency of token counts: H_α(p) / log(n) over the n distinct tokens used (0 for n < 2). */
export function renyiEfficiency(counts: ArrayLike<number>, alpha = RENYI_ALPHA): number {
  let total = 0;
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) { total += counts[i]!; n++; }
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) sum += (counts[i]! / total) ** alpha;
  return Math.log(sum) / (1 - alpha) / Math.log(n);
}

/** Accumulates counts over batches, then yields a row. */
export class MetricsAccumulator {
  lines = 0;
  chars = 0;
  bytes = 0;
  tokens = 0;
  byteTokens = 0;
  unkTokens = 0;
  exact = 0;
  readonly used: Float64Array; // occurrences by id

  constructor(readonly pieces: readonly Piece[]) {
    this.used = new Float64Array(pieces.length);
  }

  add(text: string, ids: readonly number[], decoded: string): void {
    this.lines++;
    for (const _ of text) this.chars++;
    this.bytes += Buffer.byteLength(text, 'utf8');
    this.tokens += ids.length;
    for (const id of ids) {
      this.used[id] = this.used[id]! + 1;
      const t = this.pieces[id]?.type;
      if (t === PieceType.BYTE) this.byteTokens++;
      else if (t === PieceType.UNKNOWN) this.unkTokens++;
    }
    if (decoded === text) this.exact++;
  }

  row(tokenizer: string, corpus: string, newIds: readonly number[] | null): EvalRow {
    const r = (x: number, d = 4) => Number(x.toFixed(d));
    const div = (a: number, b: number) => (b > 0 ? a / b : 0);
    let vocabUsed = 0;
    for (const u of this.used) if (u > 0) vocabUsed++;
    let newTokens = 0;
    for (const id of newIds ?? []) newTokens += this.used[id]!;
    return {
      tokenizer,
      corpus,
      lines: this.lines,
      chars: this.chars,
      bytes: this.bytes,
      tokens: this.tokens,
      chars_per_token: r(div(this.chars, this.tokens)),
      chars_per_token_with_bos: r(div(this.chars, this.tokens + this.lines)),
      bytes_per_token: r(div(this.bytes, this.tokens)),
      tokens_per_line: r(div(this.tokens, this.lines), 3),
      byte_fallback_rate: r(div(this.byteTokens, this.tokens), 6),
      unknown_rate: r(div(this.unkTokens, this.tokens), 6),
      roundtrip_exact: r(100 * div(this.exact, this.lines), 3),
      vocab_used: vocabUsed,
      vocab_utilisation: r(div(vocabUsed, this.pieces.length)),
      new_pieces: newIds ? newIds.length : null,
      dead_new_pieces: newIds ? newIds.filter((id) => this.used[id] === 0).length : null,
      new_token_rate: newIds ? r(div(newTokens, this.tokens), 6) : null,
      renyi_efficiency: r(renyiEfficiency(this.used)),
    };
  }
}
