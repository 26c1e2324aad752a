// tokext write --plan on hand-edited plans: bad rows are bad input (exit 1) naming the plan file,
// the row and what is wrong, and nothing is written; a good plan is written and checked.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE, cli, temporaries, tmpDir } from '../helpers.js';

type Row = { id: number; piece: string; kind: string; count: number; merge?: [string, string] };
type PlanFile = { spec: Record<string, unknown>; rows: Row[] };

const TARGET = 32300; // Mistral's 32,000 ids + 300 new
let dir = '';
let plan: PlanFile;

/** Writes an edited copy of the plan and runs `write` on it. */
async function writeEdited(name: string, edit: (p: PlanFile) => void) {
  const p = structuredClone(plan);
  edit(p);
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(p));
  const out = path.join(dir, `out-${name}`);
  return { file, out, r: await cli(['write', '--plan', file, '--out', out]) };
}

/** The run failed as bad input naming `file`, and left no output and no temporaries. */
function expectBadInput(x: Awaited<ReturnType<typeof writeEdited>>, message: RegExp): void {
  expect(x.r.status, x.r.stderr).toBe(1);
  expect(x.r.stderr).toContain(`${x.file}: `);
  expect(x.r.stderr).toMatch(message);
  expect(fs.existsSync(x.out)).toBe(false);
  expect(temporaries(dir)).toEqual([]);
}

describe('write --plan on a hand-edited plan', () => {
  beforeAll(async () => {
    dir = tmpDir();
    const pieces = path.join(dir, 'pieces.json');
    const planFile = path.join(dir, 'plan.json');
    expect((await cli(['train', '--corpus', SAMPLE, '--target', String(TARGET), '--out', pieces])).status).toBe(0);
    expect((await cli(['plan', '--pieces', pieces, '--out', planFile])).status).toBe(0);
    plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as PlanFile;
    expect(plan.rows.length).toBe(300);
  }, 120_000);

  it('a plan with a row deleted is bad input that says how many rows were expected', async () => {
    const x = await writeEdited('short', (p) => p.rows.pop());
    expectBadInput(x, /has 299 rows but --target 32300 over the base's 32000 ids needs 300/);
    expect(x.r.stderr).not.toMatch(/bug/);
  });

  it('a row that re-adds a base piece is a duplicate of that base id', async () => {
    const x = await writeEdited('base-dup', (p) => {
      p.rows[5] = { ...p.rows[5]!, piece: '▁the', kind: 'new-merge' };
    });
    expectBadInput(x, /row 5 \(id 32005\) "▁the": duplicate of base id 272\b/);
  });

  it('a row outside the policy of the plan (japanese-only) is named', async () => {
    const x = await writeEdited('policy', (p) => {
      p.rows[299] = { id: 32299, piece: 'xyz', kind: 'new-merge', count: 1 };
    }); // the last row: no later row is made from it
    expectBadInput(x, /row 299 \(id 32299\) "xyz": outside the japanese-only policy of the plan/);
  });

  it('a row repeated inside the plan is called a duplicate of the earlier row', async () => {
    const x = await writeEdited('plan-dup', (p) => {
      p.rows[17] = { ...p.rows[3]!, id: p.rows[17]!.id };
    });
    const piece = JSON.stringify(plan.rows[3]!.piece);
    expectBadInput(x, new RegExp(`row 17 \\(id 32017\\) ${piece}: duplicates row 3 ${piece}`));
  });

  it("a merge whose result is not the row's piece is reported as a merge with a missing result", async () => {
    const k = plan.rows.findIndex((r) => r.merge !== undefined);
    expect(k).toBeGreaterThanOrEqual(0);
    const [l, r] = plan.rows[k]!.merge!;
    const x = await writeEdited('merge', (p) => {
      p.rows[k] = { ...p.rows[k]!, piece: `${l}${r}ん` };
    });
    expectBadInput(
      x,
      new RegExp(
        `row ${k} \\(id ${32000 + k}\\) "${l}${r}ん": the merge "${l}" \\+ "${r}" has no result: "${l}${r}" is missing`,
      ),
    );
  });

  it("a good plan with its own padding prefix is written, and checked with the plan's layout", async () => {
    const x = await writeEdited('pad-prefix', (p) => {
      p.spec.padPrefix = '<|pad_';
      p.spec.padTo = TARGET + 4;
    });
    expect(x.r.status, x.r.stderr).toBe(0);
    const tok = JSON.parse(fs.readFileSync(path.join(x.out, 'tokenizer.json'), 'utf8')) as {
      added_tokens: { id: number; content: string }[];
    };
    expect(tok.added_tokens.filter((t) => t.id >= TARGET).map((t) => t.content)).toEqual([
      '<|pad_0|>',
      '<|pad_1|>',
      '<|pad_2|>',
      '<|pad_3|>',
    ]);
    expect(temporaries(dir)).toEqual([]);
  }, 120_000);

  it('--no-verify writes the same bytes without the checks; by default the checks run', async () => {
    const file = path.join(dir, 'plan.json');
    const [checked, unchecked] = [path.join(dir, 'checked'), path.join(dir, 'unchecked')];
    const a = await cli(['write', '--plan', file, '--out', checked, '--progress', 'json']);
    const b = await cli(['write', '--plan', file, '--out', unchecked, '--progress', 'json', '--no-verify']);
    expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
    const stages = (r: { stderr: string }) =>
      new Set(
        r.stderr.split('\n').flatMap((l) => (l.startsWith('{') ? [(JSON.parse(l) as { stage: string }).stage] : [])),
      );
    expect(stages(a).has('verify')).toBe(true);
    expect(stages(b).has('verify')).toBe(false);
    for (const f of fs.readdirSync(checked))
      expect(fs.readFileSync(path.join(unchecked, f)), f).toEqual(fs.readFileSync(path.join(checked, f)));
  });
});
