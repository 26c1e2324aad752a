// Size curves kept with a stored version: what `tokext curve` measured on it, the latest per corpus,
// so the workbench can draw a version's curve without measuring again.
import { guarded, openStore, type Store } from './db.js';
import { CURVES_FROM } from './migrations.js';

/** One measured size of a curve (as `tokext curve --json` prints it). */
export interface StoredCurvePoint {
  corpus: string;
  size: number; // ids of the tokenizer (base + added), padding not counted
  added: number; // new ids beyond the base
  chars_per_token: number; // code points of the non-empty lines / ids, no special tokens
  added_parameters: number; // added × hidden size × (1 if the output is tied to the input embeddings, else 2)
}

/** A version's curve on one corpus. */
export interface StoredCurve {
  corpus: string;
  measuredAt: string;
  hiddenSize: number;
  tied: boolean;
  knee: { size: number; added: number };
  points: StoredCurvePoint[];
}

/** What one `tokext curve` run measured: its points and knees over one or more corpora. */
export interface CurveRun {
  hiddenSize: number;
  tied: boolean;
  points: StoredCurvePoint[];
  knees: { corpus: string; size: number; added: number }[];
}

/** Keeps `run` as the curves of version `versionId`, replacing earlier ones on the same corpora. */
export function recordCurve(dbFile: string, versionId: number, run: CurveRun, measuredAt: string): void {
  const db = openStore(dbFile);
  try {
    guarded(dbFile, () => {
      const put = db.prepare(
        `INSERT OR REPLACE INTO curves (version_id, corpus, measured_at, hidden_size, tied, knee_size, points_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      db.transaction(() => {
        for (const k of run.knees)
          put.run(
            versionId,
            k.corpus,
            measuredAt,
            run.hiddenSize,
            run.tied ? 1 : 0,
            k.size,
            JSON.stringify(run.points.filter((p) => p.corpus === k.corpus)),
          );
      }).immediate();
    });
  } finally {
    db.close();
  }
}

/** The curves kept for version `versionId`, by corpus name (none in a store older than the curves table). */
export function loadCurves(db: Store, dbFile: string, versionId: number): StoredCurve[] {
  return guarded(dbFile, () => {
    if ((db.pragma('user_version', { simple: true }) as number) < CURVES_FROM) return [];
    const rows = db
      .prepare(
        'SELECT corpus, measured_at, hidden_size, tied, knee_size, points_json FROM curves WHERE version_id = ? ORDER BY corpus',
      )
      .all(versionId) as {
      corpus: string;
      measured_at: string;
      hidden_size: number;
      tied: number;
      knee_size: number;
      points_json: string;
    }[];
    return rows.map((r) => {
      const points = JSON.parse(r.points_json) as StoredCurvePoint[];
      return {
        corpus: r.corpus,
        measuredAt: r.measured_at,
        hiddenSize: r.hidden_size,
        tied: r.tied === 1,
        knee: { size: r.knee_size, added: points.find((p) => p.size === r.knee_size)?.added ?? 0 },
        points,
      };
    });
  });
}
