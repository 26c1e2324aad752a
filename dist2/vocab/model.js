// The one in-memory model every writer reads: pieces (id order), specs, added tokens.
/** SentencePiece piece types (ModelProto.SentencePiece.Type). */
export const PieceType = {
    NORMAL: 1,
    UNKNOWN: 2,
    CONTROL: 3,
    USER_DEFINED: 4,
    UNUSED: 5,
    BYTE: 6,
};
export { SPACE } from '../corpus/pretokenize.js';
/** The byte piece name for byte b, e.g. <0x0A>. */
export function bytePiece(b) {
    return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}
/** The byte a byte piece name stands for (<0x0A> -> 10), or undefined for any other piece. */
export function byteOfPiece(piece) {
    const m = /^<0x([0-9A-F]{2})>$/.exec(piece);
    return m ? parseInt(m[1], 16) : undefined;
}
//# sourceMappingURL=model.js.map