// Writes the artefact set of one model into a directory (all from the same in-memory model).
import path from 'node:path';
import { tokenizerJson } from '../hf/tokenizer-json.js';
import { unigramTokenizerJson } from '../hf/unigram-json.js';
import { specialTokensMap, tokenizerConfig } from '../hf/configs.js';
import {
  bpeDecomposer,
  embeddingInitText,
  sentencePieceInit,
  viterbiDecomposer,
  type Decompose,
} from './embedding-init.js';
import { writeModelProto } from '../spm/modelproto.js';
import { jsonText, sha256File, writeFileAtomic } from '../io/atomic.js';
import { ARTEFACTS } from '../io/manifest-format.js';
import type { Model, PieceKind } from '../vocab/model.js';
import { breathe, type RunControl } from '../progress.js';

/** What differs between SentencePiece model types in the written set: tokenizer.json's model and
 * how the base decomposes a new piece for embedding-init.json. */
export interface SentencePieceForms {
  tokenizerJson: (model: Model, merges?: readonly [string, string][]) => string; // merges: when known already
  decomposer: (base: Model) => Decompose;
}

/** SentencePiece BPE: a BPE tokenizer.json with merges derived from the scores. */
export const BPE_FORMS: SentencePieceForms = { tokenizerJson, decomposer: bpeDecomposer };

/** SentencePiece Unigram: a Unigram tokenizer.json; new pieces decomposed by the base's Viterbi. */
export const UNIGRAM_FORMS: SentencePieceForms = { tokenizerJson: unigramTokenizerJson, decomposer: viterbiDecomposer };

/** Writes every artefact but the manifest; returns their sha256 by file name. */
export async function writeArtefacts(
  dir: string,
  model: Model,
  base: { name: string; model: Model } | null, // null: a standalone model, no embedding-init.json
  kinds: readonly PieceKind[],
  run: RunControl = {},
  forms: SentencePieceForms = BPE_FORMS,
): Promise<Record<string, string>> {
  await breathe(run.signal);
  writeFileAtomic(path.join(dir, 'tokenizer.json'), forms.tokenizerJson(model));
  await breathe(run.signal);
  writeFileAtomic(path.join(dir, 'tokenizer.model'), writeModelProto(model));
  await breathe(run.signal);
  writeFileAtomic(path.join(dir, 'tokenizer_config.json'), jsonText(tokenizerConfig(model)));
  writeFileAtomic(path.join(dir, 'special_tokens_map.json'), jsonText(specialTokensMap(model)));
  if (base)
    writeFileAtomic(
      path.join(dir, 'embedding-init.json'),
      embeddingInitText(await sentencePieceInit(base, model, kinds, run.signal, forms.decomposer)),
    );
  const sums: Record<string, string> = {};
  for (const name of ARTEFACTS) {
    await breathe(run.signal);
    if (base || name !== 'embedding-init.json') sums[name] = sha256File(path.join(dir, name));
  }
  return sums;
}
