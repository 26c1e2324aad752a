// verify: checks every invariant of DESIGN.md on a built directory, SentencePiece-BPE or HF BPE.
import fs from 'node:fs';
import path from 'node:path';
import { verifyHf } from './hf.js';
import { verifySentencePiece } from './spm.js';
import type { VerifyOptions, VerifyReport } from './report.js';

export type { Check, VerifyOptions, VerifyReport } from './report.js';

/** Runs every check on `dir`: a SentencePiece-BPE directory (with tokenizer.model) or an HF BPE one. */
export async function verifyDir(dir: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  if (!fs.existsSync(path.join(dir, 'tokenizer.model')) && fs.existsSync(path.join(dir, 'tokenizer.json')))
    return verifyHf(dir, opts);
  return verifySentencePiece(dir, opts);
}
