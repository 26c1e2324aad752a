// Code point → id of its single-character token, for the encoders' first step (a text's symbols).

/** The ids of single-character tokens: an array for the BMP (256 KB, which stays in the cache: a
 * Map lookup per character was half the base segmentation's time), a Map for the rest. */
export class CharIds {
  private readonly bmp = new Int32Array(0x10000); // id + 1, 0: none
  private readonly astral = new Map<number, number>();

  /** Records token `id` if `text` is a single code point (a later id for it wins). */
  note(text: string, id: number): void {
    const cp = text.codePointAt(0);
    if (cp === undefined || text.length !== (cp > 0xffff ? 2 : 1)) return;
    if (cp > 0xffff) this.astral.set(cp, id);
    else this.bmp[cp] = id + 1;
  }

  /** The ids of the code points of `s`; -1 where a character is no token. */
  symbols(s: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) {
        i++;
        out.push(this.astral.get(cp) ?? -1);
      } else out.push(this.bmp[cp]! - 1);
    }
    return out;
  }
}
