import { RENYI_ALPHA } from './metrics.js';
import { SCRIPTS } from '../corpus/unicode.js';
const pct = (x, digits) => `${(100 * x).toFixed(digits)}%`;
/** The chars/token table: one row per tokenizer, one column per corpus. */
function table(r) {
    const corpora = r.corpora.map((c) => c.name);
    const w = Math.max(9, ...r.tokenizers.map((t) => t.name.length));
    const cell = (t, c) => {
        const x = r.rows.find((row) => row.tokenizer === t && row.corpus === c);
        return (x ? `${x.chars_per_token.toFixed(3)} (${x.chars_per_token_with_bos.toFixed(3)})` : '–').padStart(22);
    };
    return [
        'chars/token (no BOS; with BOS in brackets)',
        ['tokenizer'.padEnd(w), ...corpora.map((c) => c.padStart(22))].join('  '),
        ...r.tokenizers.map((t) => [t.name.padEnd(w), ...corpora.map((c) => cell(t.name, c))].join('  ')),
    ];
}
/** All figures of one tokenizer on one corpus. */
function figures(x) {
    const parts = [
        `${x.bytes_per_token} bytes/token`,
        `${x.tokens_per_line} tokens/line`,
        `byte fallback ${pct(x.byte_fallback_rate, 3)}`,
        `unk ${pct(x.unknown_rate, 3)}`,
        `round trip ${x.roundtrip_exact}%`,
        `vocab used ${pct(x.vocab_utilisation, 1)}`,
        `Rényi efficiency (α ${RENYI_ALPHA}) ${x.renyi_efficiency}`,
    ];
    if (x.new_token_rate !== null)
        parts.push(`new pieces ${pct(x.new_token_rate, 1)} of the tokens`);
    if (x.dead_new_pieces !== null)
        parts.push(`${x.dead_new_pieces} of ${x.new_pieces} new pieces unused`);
    return `${x.tokenizer} on ${x.corpus}: ${parts.join(', ')}`;
}
/** Chars/token by script, for the rows that have it. */
function byScript(x) {
    if (!x.by_script)
        return [];
    const s = x.by_script;
    const parts = SCRIPTS.filter((name) => s[name].chars > 0).map((name) => `${name} ${s[name].chars_per_token.toFixed(3)} (${pct(s[name].chars / x.chars, 1)} of chars)`);
    return [`${x.tokenizer} on ${x.corpus}, chars/token by script: ${parts.join(', ')}`];
}
/** The unused new pieces of each extended tokenizer (listed when `listDead`). */
function dead(r, listDead) {
    return r.tokenizers.flatMap((t) => {
        if (t.dead_pieces === null)
            return [];
        const head = `${t.name}: ${t.dead_pieces.length} of ${t.new_pieces} new pieces unused on every corpus${listDead ? '' : ' (list them with --dead)'}`;
        return [head, ...(listDead ? t.dead_pieces.map((d) => `  ${d.id}\t${JSON.stringify(d.piece)}`) : [])];
    });
}
/** eval's result as lines of text. */
export function renderEvalText(r, listDead) {
    return [...table(r), '', ...r.rows.map(figures), ...r.rows.flatMap(byScript), ...dead(r, listDead)];
}
//# sourceMappingURL=text.js.map