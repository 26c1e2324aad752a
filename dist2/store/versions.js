// Recording and reading vocabulary versions in the store (thin IO around plain data).
import zlib from 'node:zlib';
import { InputError, UsageError } from '../errors.js';
import { guarded } from './db.js';
/** True if a version is labelled `label`. */
export function hasLabel(db, file, label) {
    return guarded(file, () => db.prepare('SELECT 1 FROM versions WHERE label = ?').get(label) !== undefined);
}
/** Refuses a label that is already taken. */
export function checkLabelFree(db, file, label) {
    if (hasLabel(db, file, label))
        throw new UsageError(`a version labelled '${label}' already exists in ${file}`, 'choose another --label');
}
/**
 * Inserts a version in one transaction; returns its id and label. A crash mid-way leaves the
 * store as it was. Without a label, the next free `build-N` is taken inside the transaction.
 * `inTransaction` runs last, inside it: if it throws, nothing is recorded.
 */
export function recordVersion(db, file, v, inTransaction) {
    return guarded(file, () => {
        const crashAt = Number(process.env.TOKEXT_TEST_CRASH_AT_PIECE ?? -1);
        const insert = db.transaction(() => {
            const label = v.label ?? nextLabel(db, file, 'build');
            checkLabelFree(db, file, label);
            const info = db
                .prepare(`INSERT INTO versions (label, origin, source, created_at, model_type, base_name, base_size,
        vocab_size, padded_size, spec_json, trainer_spec_json, normalizer_spec_json, manifest_text, efficiency_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
                .run(label, v.origin, v.source, new Date().toISOString(), v.modelType, v.baseName ?? null, v.baseSize ?? null, v.model.pieces.length - v.model.paddingIds.length, v.model.pieces.length, v.spec ? JSON.stringify(v.spec) : null, JSON.stringify(v.model.trainerSpec), JSON.stringify(v.model.normalizerSpec), v.manifestText ?? null, v.efficiency ? JSON.stringify(v.efficiency) : null);
            const id = Number(info.lastInsertRowid);
            const piece = db.prepare('INSERT INTO pieces (version_id, id, piece, score, type, kind, count) VALUES (?, ?, ?, ?, ?, ?, ?)');
            v.model.pieces.forEach((p, i) => {
                if (i === crashAt)
                    process.kill(process.pid, 'SIGKILL');
                piece.run(id, i, p.piece, p.score, p.type, v.kinds[i] ?? 'imported', v.counts?.[i] ?? null);
            });
            const merge = db.prepare('INSERT INTO merges (version_id, rank, left, right) VALUES (?, ?, ?, ?)');
            (v.merges ?? []).forEach(([l, r], k) => merge.run(id, k, l, r));
            const input = db.prepare('INSERT INTO inputs (version_id, path, bytes, sha256, weight) VALUES (?, ?, ?, ?, ?)');
            for (const f of v.inputs ?? [])
                input.run(id, f.path, f.bytes, f.sha256, f.weight);
            const art = db.prepare('INSERT INTO artefacts (version_id, name, sha256) VALUES (?, ?, ?)');
            for (const [name, sum] of Object.entries(v.artefacts ?? {}))
                art.run(id, name, sum);
            if (v.format === 'hf')
                db.prepare('UPDATE versions SET format = ? WHERE id = ?').run('hf', id);
            const put = db.prepare('INSERT INTO files (version_id, name, data) VALUES (?, ?, ?)');
            for (const [name, data] of Object.entries(v.files ?? {}))
                put.run(id, name, zlib.gzipSync(data, { level: 6 }));
            inTransaction?.();
            return { id, label };
        });
        return insert.immediate();
    });
}
/** All versions, oldest first. */
export function listVersions(db, file) {
    return guarded(file, () => db
        .prepare(`SELECT id, label, origin, source, created_at, model_type, base_name, vocab_size, padded_size
    FROM versions ORDER BY id`)
        .all());
}
/** The next free default label for a build. */
export function nextLabel(db, file, prefix) {
    return guarded(file, () => {
        for (let n = 1;; n++)
            if (!db.prepare('SELECT 1 FROM versions WHERE label = ?').get(`${prefix}-${n}`))
                return `${prefix}-${n}`;
    });
}
/** Reads a version by id or label. */
export function loadVersion(db, file, ref) {
    return guarded(file, () => {
        const row = (/^\d+$/.test(ref)
            ? db.prepare('SELECT * FROM versions WHERE id = ? OR label = ?').get(Number(ref), ref)
            : db.prepare('SELECT * FROM versions WHERE label = ?').get(ref));
        if (!row)
            throw new InputError(`no version '${ref}' in the store`, file, undefined, 'list them with tokext versions');
        const id = row.id;
        const pieces = db
            .prepare('SELECT piece, score, type, kind, count FROM pieces WHERE version_id = ? ORDER BY id')
            .all(id);
        const merges = db.prepare('SELECT left, right FROM merges WHERE version_id = ? ORDER BY rank').all(id).map((m) => [m.left, m.right]);
        const artefacts = Object.fromEntries(db.prepare('SELECT name, sha256 FROM artefacts WHERE version_id = ? ORDER BY name').all(id).map((a) => [a.name, a.sha256]));
        const inputs = db
            .prepare('SELECT path, bytes, sha256, weight FROM inputs WHERE version_id = ?')
            .all(id);
        const files = Object.fromEntries(db.prepare('SELECT name, data FROM files WHERE version_id = ? ORDER BY name').all(id).map((f) => [f.name, zlib.gunzipSync(f.data)]));
        const model = {
            pieces: pieces.map((p) => ({ piece: p.piece, score: p.score, type: p.type })),
            trainerSpec: JSON.parse(row.trainer_spec_json),
            normalizerSpec: JSON.parse(row.normalizer_spec_json),
            paddingIds: pieces.flatMap((p, i) => (p.kind === 'padding' ? [i] : [])),
        };
        return {
            id,
            label: row.label,
            origin: row.origin,
            source: row.source,
            modelType: row.model_type,
            baseName: row.base_name ?? undefined,
            baseSize: row.base_size ?? undefined,
            model,
            kinds: pieces.map((p) => p.kind),
            counts: pieces.map((p) => p.count),
            merges,
            spec: row.spec_json ? JSON.parse(row.spec_json) : undefined,
            inputs,
            manifestText: row.manifest_text ?? undefined,
            artefacts,
            efficiency: row.efficiency_json ? JSON.parse(row.efficiency_json) : undefined,
            format: row.format === 'hf' ? 'hf' : 'sentencepiece',
            files,
        };
    });
}
//# sourceMappingURL=versions.js.map