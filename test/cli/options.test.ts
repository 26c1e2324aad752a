// The spec options table: each --flag fills its BuildSpec field, defaults come from defaultSpec.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { specFrom, specOptions } from '../../src/cli/flags.js';
import { defaultSpec } from '../../src/spec.js';

const parse = async (...args: string[]) => {
  const cmd = specOptions(new Command('x').exitOverride());
  cmd.parse(args, { from: 'user' });
  return await specFrom(cmd.opts());
};

describe('spec options', () => {
  it('leave every default as defaultSpec has it, pad-to following --target', async () => {
    const s = await parse('--corpus', 'corpora/sample', '--target', '40000');
    expect(s).toEqual({ ...defaultSpec([{ path: 'corpora/sample', weight: 1 }]), target: 40000, padTo: 40000 });
  });
  it('fill each field from its flag, both spellings of the split rule', async () => {
    const s = await parse(
      '--corpus',
      'corpora/sample:2',
      '--base',
      'qwen3',
      '--target',
      '152000',
      '--pad-to',
      '152064',
      '--text-field',
      'content',
      '--character-coverage',
      '0.99',
      '--allow-non-japanese',
      '--min-count',
      '3',
      '--skip-invalid',
      '--balance',
      '1',
      '--prune',
      '0.25',
      '--split-by-script',
    );
    expect(s).toMatchObject({
      corpora: [{ path: 'corpora/sample', weight: 2 }],
      base: 'qwen3',
      target: 152000,
      padTo: 152064,
      textField: 'content',
      characterCoverage: 0.99,
      allowNonJapanese: true,
      minPairCount: 3,
      skipInvalid: true,
      balance: 1,
      prune: 0.25,
      splitByScript: true,
    });
    expect((await parse('--corpus', 'c', '--no-split-by-script')).splitByScript).toBe(false);
  });
  it('refuse bad values by name', async () => {
    await expect(parse('--corpus', 'c', '--target', 'lots')).rejects.toThrow(/--target must be a whole number/);
    await expect(parse('--corpus', 'c', '--balance', '2')).rejects.toThrow(/--balance must be in \[0, 1\], got 2/);
  });
});
