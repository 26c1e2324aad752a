// verify's never-longer check: no text may take more tokens than with the base.
import { describe, expect, it } from 'vitest';
import { ReportBuilder } from '../../src/verify/report.js';
import { sampleBuildChecks } from '../helpers.js';

describe('never-longer', () => {
  it('fails naming a text that takes more tokens than with the base, and reports the share shortened', async () => {
    const r = new ReportBuilder();
    r.addNeverLonger(['a', 'bb', 'ccc', 'dddd'], [1, 1, 4, 2], [1, 2, 3, 4]);
    const c = (await r.finish()).checks[0]!;
    expect(c.ok).toBe(false);
    expect(c.detail).toBe('1 texts encode in more tokens than with the base');
    expect(c.examples).toEqual(['"ccc": 4 tokens, the base 3']);
    const ok = new ReportBuilder();
    ok.addNeverLonger(['a', 'bb', 'ccc', 'dddd'], [1, 1, 3, 2], [1, 2, 3, 4]);
    expect((await ok.finish()).checks[0]).toMatchObject({
      ok: true,
      detail: 'no text encodes in more tokens than with the base; 2 of 4 (50.0%) in fewer',
    });
  });

  it.each(['mistral-7b-v0.1', 'qwen3'] as const)(
    'holds on a build of %s, which shortens most sampled lines',
    (base) => {
      // the shared sample build's own verify, as its manifest records it (a build on SAMPLE)
      const c = sampleBuildChecks(base).find((x) => x.name === 'never-longer')!;
      expect(c.ok).toBe(true);
      expect(Number(/\(([\d.]+)%\) in fewer/.exec(c.detail)![1])).toBeGreaterThan(50);
    },
  );
});
