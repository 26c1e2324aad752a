// tokenizer.json in the base's (Llama/Mistral legacy) form, written in id order.
import { PieceType, SPACE, type Model } from '../vocab/model.js';
import { deriveMerges } from '../bpe/derive.js';

/** An HF added token. */
export interface AddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** Special tokens of the model: UNKNOWN, CONTROL and padding pieces, in id order. */
export function addedTokens(model: Model): AddedToken[] {
  const pad = new Set(model.paddingIds);
  const out: AddedToken[] = [];
  model.pieces.forEach((p, id) => {
    if (p.type === PieceType.UNKNOWN || p.type === PieceType.CONTROL || pad.has(id)) {
      out.push({
        id,
        content: p.piece,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      });
    }
  });
  return out;
}

/** BOS/EOS/UNK ids and pieces, as the trainer spec places them (SentencePiece's defaults). */
export function specialTokens(model: Model): { bos: string; bosId: number; eos: string; unk: string } {
  const id = (k: string, d: number) => Number(model.trainerSpec[k] ?? d);
  const at = (k: string, d: number, name: string) => model.pieces[id(k, d)]?.piece ?? name;
  return {
    bos: at('bos_id', 1, '<s>'),
    bosId: id('bos_id', 1),
    eos: at('eos_id', 2, '</s>'),
    unk: at('unk_id', 0, '<unk>'),
  };
}

/** The post-processor that puts BOS `bos` (id `bosId`) before each sequence of a single or a pair. */
export function bosTemplate(bos: string, bosId: number): object {
  return {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
    pair: [
      { SpecialToken: { id: bos, type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: bos, type_id: 1 } },
      { Sequence: { id: 'B', type_id: 1 } },
    ],
    special_tokens: { [bos]: { id: bos, ids: [bosId], tokens: [bos] } },
  };
}

/** The full tokenizer.json text. Vocab and merges are spliced in so ids stay in order. `merges`:
 * the model's derived merges when the caller has them already (deriveMerges). */
export function tokenizerJson(model: Model, merges?: readonly [string, string][]): string {
  const { bos, bosId, unk } = specialTokens(model);
  const addDummy = model.normalizerSpec.add_dummy_prefix !== false;
  const normalizers: object[] = [];
  if (addDummy) normalizers.push({ type: 'Prepend', prepend: SPACE });
  normalizers.push({ type: 'Replace', pattern: { String: ' ' }, content: SPACE });
  const decoders: object[] = [
    { type: 'Replace', pattern: { String: SPACE }, content: ' ' },
    { type: 'ByteFallback' },
    { type: 'Fuse' },
  ];
  if (addDummy) decoders.push({ type: 'Strip', content: ' ', start: 1, stop: 0 });
  const doc = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(model),
    normalizer: { type: 'Sequence', normalizers },
    pre_tokenizer: null,
    post_processor: bosTemplate(bos, bosId),
    decoder: { type: 'Sequence', decoders },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: unk,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: model.trainerSpec.byte_fallback !== false,
      vocab: '@@VOCAB@@',
      merges: '@@MERGES@@',
    },
  };
  const text = JSON.stringify(doc, null, 2);
  const vocab = model.pieces.map((p, id) => `      ${JSON.stringify(p.piece)}: ${id}`).join(',\n');
  const mergeLines = (merges ?? deriveMerges(model.pieces))
    .map(([l, r]) => `      ${JSON.stringify(`${l} ${r}`)}`)
    .join(',\n');
  return (
    text.replace('"@@VOCAB@@"', () => `{\n${vocab}\n    }`).replace('"@@MERGES@@"', () => `[\n${mergeLines}\n    ]`) +
    '\n'
  );
}
