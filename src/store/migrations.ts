// Schema migrations; index i migrates user_version i to i + 1, each in one transaction.

/** All migrations in order. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL CHECK (origin IN ('build', 'import')),
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    model_type TEXT NOT NULL,
    base_name TEXT,
    base_size INTEGER,
    vocab_size INTEGER NOT NULL,
    padded_size INTEGER NOT NULL,
    spec_json TEXT,
    trainer_spec_json TEXT NOT NULL,
    normalizer_spec_json TEXT NOT NULL,
    manifest_text TEXT,
    efficiency_json TEXT
  );
  CREATE TABLE inputs (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    path TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, weight REAL NOT NULL
  );
  CREATE TABLE pieces (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    id INTEGER NOT NULL, piece TEXT NOT NULL, score REAL NOT NULL, type INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('base', 'new-char', 'new-merge', 'padding', 'imported')),
    count REAL,
    PRIMARY KEY (version_id, id)
  ) WITHOUT ROWID;
  CREATE TABLE merges (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL, left TEXT NOT NULL, right TEXT NOT NULL,
    PRIMARY KEY (version_id, rank)
  ) WITHOUT ROWID;
  CREATE TABLE artefacts (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    name TEXT NOT NULL, sha256 TEXT NOT NULL,
    PRIMARY KEY (version_id, name)
  ) WITHOUT ROWID;
  `,
  // 2: HF BPE versions keep their artefacts as written (gzip), since they carry over the base's
  // tokenizer.json and tokenizer_config.json whole.
  `
  ALTER TABLE versions ADD COLUMN format TEXT NOT NULL DEFAULT 'sentencepiece' CHECK (format IN ('sentencepiece', 'hf'));
  CREATE TABLE files (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    name TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (version_id, name)
  ) WITHOUT ROWID;
  `,
  // 3: size curves measured by `tokext curve` on a stored version, the latest one per corpus.
  `
  CREATE TABLE curves (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    corpus TEXT NOT NULL,
    measured_at TEXT NOT NULL,
    hidden_size INTEGER NOT NULL,
    tied INTEGER NOT NULL CHECK (tied IN (0, 1)),
    knee_size INTEGER NOT NULL,
    points_json TEXT NOT NULL,
    PRIMARY KEY (version_id, corpus)
  ) WITHOUT ROWID;
  `,
];

/** The oldest schema a reader opens as it is (read-only opening cannot migrate): 3 only adds
 * the curves table, which reads as empty when absent. */
export const READABLE_FROM = 2;

/** The schema that first has the curves table. */
export const CURVES_FROM = 3;
