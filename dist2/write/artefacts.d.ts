import type { Model, PieceKind } from '../vocab/model.js';
import { type RunControl } from '../progress.js';
/** Writes every artefact but the manifest; returns their sha256 by file name. */
export declare function writeArtefacts(dir: string, model: Model, base: {
    name: string;
    model: Model;
} | null, // null: a standalone model, no embedding-init.json
kinds: readonly PieceKind[], run?: RunControl): Promise<Record<string, string>>;
