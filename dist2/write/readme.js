// README.md of an output directory: a model-card snippet made from its manifest alone (so an
// export from the store writes the same bytes): base, sizes, how it was built, how to load it,
// and what verify measured.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- the manifest is read field by field, each optional */
import { isStandalone, manifestKind } from '../io/manifest-format.js';
import { DEFAULTS, TOOL } from '../spec.js';
/** The README name in output directories. */
export const README_NAME = 'README.md';
const n = (x) => (typeof x === 'number' ? x.toLocaleString('en-US') : '?');
/** The README text for a directory whose manifest is `m`. */
export function outputReadme(m) {
    const spec = m?.spec ?? {};
    const base = m?.base ?? {};
    const vocab = m?.vocab ?? {};
    const hf = base.format === 'hf';
    const standalone = isStandalone(m);
    if (manifestKind(m) === 'imported')
        return importedReadme(m);
    const size = vocab.size ?? spec.target ?? spec.vocabSize;
    const padded = vocab.padded_size ?? spec.padTo;
    const lines = [];
    lines.push(standalone
        ? '# A BPE tokenizer trained from scratch by tokext'
        : `# ${base.name ?? 'A tokenizer'} extended with Japanese by tokext`, '');
    if (standalone)
        lines.push(`${n(size)} pieces, SentencePiece-compatible BPE (byte fallback), trained from scratch.`, '');
    else {
        lines.push(`- Base: \`${base.name}\` (${n(base.vocab_size)} ids)${hf ? ', Hugging Face BPE' : ', SentencePiece BPE'}; every base id, merge and special token unchanged.`);
        lines.push(`- Size: ${n(size)} ids (${n(typeof size === 'number' && typeof base.vocab_size === 'number' ? size - base.vocab_size : undefined)} new), padded to ${n(padded)} with \`${spec.padPrefix ?? DEFAULTS.padPrefix}N|>\` special tokens that text never produces.`);
        if (vocab.by_kind)
            lines.push(`- New pieces: ${Object.entries(vocab.by_kind)
                .filter(([k]) => k !== 'base' && k !== 'padding')
                .map(([k, v]) => `${n(v)} ${k}`)
                .join(', ')}; policy ${spec.policy ?? '?'}.`);
    }
    const inputs = (m?.inputs ?? []);
    if (inputs.length > 0) {
        const mb = inputs.reduce((s, i) => s + i.bytes, 0) / 1e6;
        lines.push(`- Trained on ${inputs.length} file(s), ${mb.toFixed(1)} MB${new Set(inputs.map((i) => i.weight)).size > 1 ? ` (weighted per source${spec.balance !== undefined && spec.balance < 1 ? `, balanced with exponent ${spec.balance}` : ''})` : ''}; the manifest lists each with its sha256 and weight.`);
    }
    if (m?.from_plan)
        lines.push(`- Written from the plan \`${m.from_plan}\`.`);
    lines.push(`- Made by ${m?.tool?.name ?? TOOL.name} ${m?.tool?.version ?? ''}`.trimEnd() + '.', '');
    const v = m?.verify;
    if (v?.checks) {
        lines.push('## Checked', '', `\`tokext verify\` ${v.ok ? 'passed' : 'FAILED'} when it was built:`, '');
        for (const c of v.checks)
            lines.push(`- ${c.ok ? 'ok' : 'FAIL'} ${c.name}: ${c.detail}`);
        if (v.efficiency)
            lines.push('', `On ${n(v.efficiency.texts)} sampled training lines: ${v.efficiency.chars_per_token} characters per token (no special tokens).`);
        lines.push('');
    }
    lines.push('## Loading', '');
    lines.push('- transformers (4.x and 5.x): `AutoTokenizer.from_pretrained(DIR)` or `PreTrainedTokenizerFast.from_pretrained(DIR)`; do not pass `fix_mistral_regex=True`.');
    if (!hf)
        lines.push('- SentencePiece: `spm.SentencePieceProcessor(model_file="DIR/tokenizer.model")` (the same ids as tokenizer.json).');
    lines.push('- llama.cpp: run `convert_hf_to_gguf.py` on the model directory `tokext init-embeddings` writes (weights grown, these tokenizer files copied in).');
    if (!standalone)
        lines.push('- Model weights: `tokext init-embeddings --model BASE_MODEL --init DIR/embedding-init.json --out NEW_MODEL` grows the embedding and output matrices.');
    lines.push('');
    return lines.join('\n');
}
/** The README of an imported version exported again: what it is and where it came from. */
function importedReadme(m) {
    const i = m?.imported ?? {};
    const bpe = i.model_type === 'BPE';
    const lines = [
        `# ${i.label ?? 'An imported tokenizer'}`,
        '',
        `${n(m?.vocab?.size)} entries, SentencePiece ${i.model_type ?? '?'}, imported into a tokext store from \`${i.source ?? '?'}\` and exported from it by ${m?.tool?.name ?? TOOL.name} ${m?.tool?.version ?? ''}`.trimEnd() +
            '.',
        '',
        '## Loading',
        '',
    ];
    if (bpe)
        lines.push('- transformers (4.x and 5.x): `AutoTokenizer.from_pretrained(DIR)` or `PreTrainedTokenizerFast.from_pretrained(DIR)`.');
    lines.push('- SentencePiece: `spm.SentencePieceProcessor(model_file="DIR/tokenizer.model")`.', '');
    return lines.join('\n');
}
//# sourceMappingURL=readme.js.map