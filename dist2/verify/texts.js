// Built-in probe texts for verify: edge cases and short original sentences in both languages.
/** Texts every verify run encodes with all runtimes (none contains a special-token literal). */
export const PROBE_TEXTS = [
    '',
    ' ',
    '  ',
    'a',
    ' a',
    'a ',
    '  leading and trailing  ',
    '\t tab\tseparated\t',
    'line one\r\nline two',
    'Hello, world! This is a plain English sentence.',
    'The year 2024 had 366 days; 3.14159 is pi.',
    'def f(x):\n    return x ** 2  # square',
    '{"key": [1, 2, 3], "ok": true}',
    'naïve café, Ångström, Straße',
    'emoji 😀👍🏽 and flags 🇯🇵',
    'zero\u200bwidth space',
    'Привет, мир. Γειά σου κόσμε. مرحبا بالعالم. 안녕하세요',
    '𠮷野家で𩸽を食べた',
    'ﾊﾝｶｸｶﾀｶﾅとカタカナ',
    '全角数字１２３と半角123',
    '「こんにちは」と彼女は言った。',
    '今日はとても良い天気ですね。散歩に行きましょう。',
    '東京都の人口は約千四百万人です。',
    'コンピューターのプログラムを書く',
    '私は猫が好きだ。犬も嫌いではない。',
    'ｱｲｳｴｵ　全角スペース　入り',
    '〇〆々ヶ〜・ー',
    '漢字かなカナ混じり文ABCと123',
    '    indented Japanese: 日本語の文',
    'ＡＢＣ　ｄｅｆ！？',
    '※注意：この文は試験用です。',
];
/** True if `s` contains a literal of a special token (HF matches those, SentencePiece does not). */
export function hasSpecialLiteral(s, specials) {
    return specials.some((t) => t.length > 0 && s.includes(t));
}
/** Longest text verify encodes: longer lines are checked on their first MAX_TEXT_CHARS UTF-16 units. */
export const MAX_TEXT_CHARS = 4096;
/** `s` cut to at most `max` UTF-16 units, never inside a surrogate pair. */
export function cutText(s, max = MAX_TEXT_CHARS) {
    if (s.length <= max)
        return s;
    const last = s.charCodeAt(max - 1);
    return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
//# sourceMappingURL=texts.js.map