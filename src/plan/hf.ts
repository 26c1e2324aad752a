// Planning an HF BPE extension: the trained tokens in order until the vocabulary has exactly
// `target` ids (base tokens, its added tokens, new tokens), every new token reachable (encoding
// its own bytes gives it), then padding to `padTo` with named special added tokens.
import { RankedBpe } from '../bpe/ranked.js';
import { tokenToBytes } from '../vocab/bytelevel.js';
import { encoderOf } from '../hf/model.js';
import { UsageError } from '../errors.js';
import { padToken, type BuildSpec } from '../spec.js';
import type { TrainedPiece } from '../train/continued.js';
import type { HfBase } from '../base/types.js';
import { idsInUse, planByDropping } from './choose.js';
import { breathe, Pacer, type RunControl } from '../progress.js';

/** A new token of the plan, with its id. */
export interface HfToken {
  id: number;
  text: string; // the token string as the vocabulary holds it (byte-level form for byte-level bases)
  kind: 'new-char' | 'new-merge';
  count: number;
  merge?: [string, string];
  from: number[]; // its decomposition by the base (embedding-init.json's row)
}

/** The planned extension of an HF base. */
export interface HfPlan {
  base: HfBase;
  tokens: HfToken[];
  padding: { id: number; content: string }[];
  dropped: { piece: string; reason: string }[];
  encoder: RankedBpe; // the extended model, for writers and checks
}

/** The base's encoding of token `text` (its bytes, for a byte-level base). */
export function decompose(enc: RankedBpe, text: string): number[] {
  return enc.spec.byteLevel ? enc.encodeBytes(tokenToBytes(text)!) : enc.encodePretoken(text);
}

/** Appends `chosen` to the base encoder; tokens whose merge names a token that is not there are
 * reported (their parts were dropped). Also gives each token's decomposition by the base, taken
 * before the encoder grows (one encoder instead of a second one for embedding-init.json). */
async function extend(
  base: HfBase,
  chosen: readonly TrainedPiece[],
  signal?: AbortSignal,
): Promise<{ enc: RankedBpe; ids: number[]; missing: Set<number>; from: number[][] }> {
  const enc = encoderOf(base.hf);
  await breathe(signal);
  const pacer = new Pacer(signal);
  const from: number[][] = [];
  for (const t of chosen) {
    if (from.length % 256 === 0) await pacer.pace();
    from.push(decompose(enc, t.piece));
  }
  const ids: number[] = [];
  const missing = new Set<number>();
  chosen.forEach((t, k) => {
    if (t.kind === 'new-char') {
      ids.push(enc.addToken(t.piece));
      return;
    }
    const l = enc.ids.get(t.merge?.[0] ?? '');
    const r = enc.ids.get(t.merge?.[1] ?? '');
    if (l === undefined || r === undefined) {
      missing.add(k);
      ids.push(-1);
      return;
    }
    ids.push(enc.addMerge(l, r));
  });
  return { enc, ids, missing, from };
}

/** Does encoding the token's own bytes (or text) give exactly it? */
export function reachable(enc: RankedBpe, id: number): boolean {
  const text = enc.texts[id]!;
  const got = enc.spec.byteLevel ? enc.encodeBytes(tokenToBytes(text)!) : enc.encodePretoken(text);
  return got.length === 1 && got[0] === id;
}

/** The extension with exactly `chosen` as its new tokens, in order, then the padding; and the
 * indexes (into `chosen`) of tokens that cannot be had, with why. */
export async function assembleHf(
  base: HfBase,
  chosen: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix'>,
  run: RunControl = {},
): Promise<{ plan: HfPlan; bad: Map<number, string> }> {
  await breathe(run.signal);
  const { enc, ids, missing, from } = await extend(base, chosen, run.signal);
  await breathe(run.signal);
  const pacer = new Pacer(run.signal);
  const bad = new Map<number, string>([...missing].map((k) => [k, 'made from a dropped token']));
  for (let k = 0; k < ids.length; k++) {
    if (k % 256 === 0) await pacer.pace();
    if (ids[k]! >= 0 && !reachable(enc, ids[k]!)) bad.set(k, 'unreachable');
  }
  await breathe(run.signal);
  const taken = new Set(enc.texts);
  const padding = Array.from({ length: spec.padTo - spec.target }, (_, i) => ({
    id: spec.target + i,
    content: padToken(spec, i),
  }));
  for (const p of padding)
    if (taken.has(p.content) || base.hf.json.added_tokens.some((t) => t.content === p.content))
      throw new UsageError(
        `the padding token ${p.content} is already a token of the base`,
        'pass another padding prefix',
      );
  const tokens = chosen.map((t, k): HfToken => ({
    id: ids[k]!,
    text: t.piece,
    kind: t.kind,
    count: t.count,
    ...(t.merge ? { merge: t.merge } : {}),
    from: from[k]!,
  }));
  return { plan: { base, tokens, padding, dropped: [], encoder: enc }, bad };
}

/** Plans the extension of `base` by `trained` (in training order). */
export async function planHf(
  base: HfBase,
  trained: readonly TrainedPiece[],
  spec: Pick<BuildSpec, 'target' | 'padTo' | 'padPrefix' | 'prune' | 'trimTo'>,
  run: RunControl = {},
): Promise<HfPlan> {
  const pool = trained.filter((t) => t.kind === 'new-char' || t.merge !== undefined);
  return planByDropping(
    pool,
    idsInUse(base.hf), // new tokens fill the free ids first
    spec,
    { noun: 'tokens', rounds: 50, assemble: (chosen) => assembleHf(base, chosen, spec, run) },
    run,
  );
}
