// Minimal types for sentencepiece-js (it ships none).
declare module 'sentencepiece-js' {
  export class SentencePieceProcessor {
    load(path: string): Promise<void>;
    encodeIds(text: string): number[];
    encodePieces(text: string): string[];
    decodeIds(ids: number[]): string;
  }
  const _default: { SentencePieceProcessor: typeof SentencePieceProcessor };
  export default _default;
}
