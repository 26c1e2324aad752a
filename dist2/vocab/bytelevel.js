// GPT-2's byte-level alphabet, as HF tokenizers' ByteLevel pre-tokenizer and decoder use it: every
// byte is a printable character (space → Ġ, newline → Ċ), so any byte string is a token string.
function table() {
    const printable = [];
    for (let b = 0x21; b <= 0x7e; b++)
        printable.push(b);
    for (let b = 0xa1; b <= 0xac; b++)
        printable.push(b);
    for (let b = 0xae; b <= 0xff; b++)
        printable.push(b);
    const chars = new Array(256);
    for (const b of printable)
        chars[b] = String.fromCharCode(b);
    let n = 0;
    for (let b = 0; b < 256; b++)
        if (chars[b] === undefined)
            chars[b] = String.fromCharCode(256 + n++);
    return chars;
}
/** Byte → its character. */
export const BYTE_CHAR = table();
const CHAR_BYTE = new Map(BYTE_CHAR.map((c, b) => [c.charCodeAt(0), b]));
/** The token string of raw bytes. */
export function bytesToToken(bytes) {
    let s = '';
    for (const b of bytes)
        s += BYTE_CHAR[b];
    return s;
}
/** The raw bytes of a byte-level token string; undefined if a character is not of the alphabet. */
export function tokenToBytes(token) {
    const out = Buffer.alloc(token.length);
    for (let i = 0; i < token.length; i++) {
        const b = CHAR_BYTE.get(token.charCodeAt(i));
        if (b === undefined)
            return undefined;
        out[i] = b;
    }
    return out;
}
//# sourceMappingURL=bytelevel.js.map