// JSON inputs (src/io/json.ts, src/io/validate.ts): a missing, unreadable, malformed or
// ill-shaped file is an InputError naming the file (and the field), never a raw error.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readJsonFile } from '../../src/io/json.js';
import { parseAs } from '../../src/io/validate.js';
import { tmpDir } from '../helpers.js';

/** The error `fn` throws. */
function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('did not throw');
}

describe('readJsonFile', () => {
  const dir = tmpDir();
  const at = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it('parses a JSON file', () => {
    expect(readJsonFile(at('ok.json', '{"a": [1, "x"]}'))).toEqual({ a: [1, 'x'] });
  });

  it('a missing file, a directory: named, with the hint', () => {
    const missing = path.join(dir, 'missing.json');
    const e = thrown(() => readJsonFile(missing, 'rebuild it'));
    expect(e.message).toBe(`${missing}: file not found`);
    expect([e.file, e.suggestion, e.code]).toEqual([missing, 'rebuild it', 'E_INPUT']);
    expect(thrown(() => readJsonFile(dir)).message).toBe(`${dir}: is a directory, not a JSON file`);
  });

  it("truncated JSON: named, with the parser's reason", () => {
    const f = at('cut.json', '{"a": [1, 2');
    expect(thrown(() => readJsonFile(f)).message).toMatch(
      new RegExp(`^${f}: not valid JSON \\(.+\\); is the file truncated or corrupt\\?$`),
    );
  });
});

describe('parseAs', () => {
  const schema = z.object({
    name: z.string(),
    sizes: z.array(z.int().positive()),
    inner: z.object({ ok: z.boolean() }).optional(),
  });

  it('returns the value as the schema describes it', () => {
    expect(parseAs(schema, { name: 'a', sizes: [1, 2] }, 'f.json', 'spec')).toEqual({ name: 'a', sizes: [1, 2] });
  });

  it('names the file, what it should be, and the path of the first wrong field', () => {
    expect(thrown(() => parseAs(schema, { name: 'a', sizes: [1, -2] }, 'f.json', 'spec', 'fix it')).message).toMatch(
      /^f\.json: not a valid spec: sizes\[1\]: .+/,
    );
    expect(
      thrown(() => parseAs(schema, { name: 'a', sizes: [], inner: { ok: 'yes' } }, 'f.json', 'spec')).message,
    ).toMatch(/^f\.json: not a valid spec: inner\.ok: .*expected boolean/);
    expect(thrown(() => parseAs(schema, { sizes: [] }, 'f.json', 'spec')).message).toMatch(
      /^f\.json: not a valid spec: name: .*expected string/,
    );
  });

  it('a value of the wrong kind altogether: "the top level"', () => {
    const e = thrown(() => parseAs(schema, [1, 2], 'g.json', 'spec', 'fix it'));
    expect(e.message).toMatch(/^g\.json: not a valid spec: the top level: .*expected object/);
    expect(e.suggestion).toBe('fix it');
  });
});
