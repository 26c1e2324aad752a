// init-embeddings on bad input: damaged safetensors headers, wrong options, a --pad-to below the
// tokenizer's ids, and interruption (library signal and the CLI's SIGINT/SIGTERM) at any point.
import { writeToyInit } from './toy-init.js';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { initEmbeddings, type InitEmbeddingsOptions } from '../../src/embed/grow.js';
import { readHeader } from '../../src/embed/safetensors.js';
import { InputError, InterruptedError, UsageError } from '../../src/errors.js';
import { BIN, ROOT, cli, temporaries, tmpDir } from '../helpers.js';

const BASE = 40;
const COLS = 6;
const E = BASE * COLS * 4; // bytes of one F32 matrix
const EMBED = 'model.embed_tokens.weight';
const HEAD = 'lm_head.weight';

/** A safetensors file from a header (an object, or raw text) and data, written byte by byte as given. */
function rawSafetensors(
  file: string,
  header: unknown,
  data: Buffer,
  opts: { len?: bigint; headerBytes?: Buffer } = {},
): void {
  const json = opts.headerBytes ?? Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(opts.len ?? BigInt(json.length));
  fs.writeFileSync(file, Buffer.concat([len, json, data]));
}

/** A valid header: the input embeddings, then the output layer, end to end. */
function goodHeader(): Record<string, unknown> {
  return {
    __metadata__: { format: 'pt' },
    [EMBED]: { dtype: 'F32', shape: [BASE, COLS], data_offsets: [0, E] },
    [HEAD]: { dtype: 'F32', shape: [BASE, COLS], data_offsets: [E, 2 * E] },
  };
}

/** An init file for the toy base: 4 new pieces and 2 padding tokens (46 ids in all). */
const initFile = (dir: string, padded = BASE + 6): string => writeToyInit(dir, BASE, padded).file;

/** A model directory holding one safetensors file; returns the paths a run needs. */
function setup(
  header: unknown = goodHeader(),
  data = Buffer.alloc(2 * E, 1),
  opts: { len?: bigint; headerBytes?: Buffer } = {},
) {
  const dir = tmpDir();
  const model = path.join(dir, 'model');
  fs.mkdirSync(model);
  const file = path.join(model, 'model.safetensors');
  rawSafetensors(file, header, data, opts);
  fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: BASE, tie_word_embeddings: false }));
  return { dir, model, file, init: initFile(dir), out: path.join(dir, 'out') };
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection, but it resolved');
}

const edit = (f: (h: Record<string, Record<string, unknown>>) => void) => {
  const h = goodHeader() as Record<string, Record<string, unknown>>;
  f(h);
  return h;
};

describe('a safetensors header is checked before any byte is used: an InputError naming the file and the tensor', () => {
  const cases: [string, () => ReturnType<typeof setup>, RegExp][] = [
    [
      'a shape larger than its byte range (the crash of the issue)',
      () =>
        setup(
          edit((h) => {
            h[EMBED]!.shape = [BASE, COLS + 2];
          }),
        ),
      /tensor 'model\.embed_tokens\.weight': shape \[40,8\] of F32 takes 1280 bytes but data_offsets \[0, 960\] hold 960/,
    ],
    [
      'a byte range shorter than its shape',
      () =>
        setup(
          edit((h) => {
            h[EMBED]!.data_offsets = [0, E - 8];
            h[HEAD]!.data_offsets = [E - 8, 2 * E - 8];
          }),
          Buffer.alloc(2 * E - 8),
        ),
      /tensor 'model\.embed_tokens\.weight': shape \[40,6\] of F32 takes 960 bytes but data_offsets \[0, 952\] hold 952/,
    ],
    [
      'overlapping tensors',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.data_offsets = [E - 24, 2 * E - 24];
          }),
        ),
      /tensor 'lm_head\.weight': data_offsets \[936, 1896\] overlaps the tensor before it \(which ends at 960\)/,
    ],
    [
      'a gap between tensors',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.data_offsets = [E + 8, 2 * E + 8];
          }),
          Buffer.alloc(2 * E + 8),
        ),
      /tensor 'lm_head\.weight': data_offsets \[968, 1928\] leaves a gap after byte 960/,
    ],
    [
      'offsets that end before they begin',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.data_offsets = [2 * E, E];
          }),
        ),
      /tensor 'lm_head\.weight': data_offsets \[1920, 960\] end before they begin/,
    ],
    [
      'a tensor past the end of the file',
      () => setup(goodHeader(), Buffer.alloc(2 * E - 10)),
      /truncated safetensors file: tensor 'lm_head\.weight' ends at data byte 1920, the file holds 1910 data bytes/,
    ],
    [
      'bytes after the last tensor',
      () => setup(goodHeader(), Buffer.alloc(2 * E + 16)),
      /16 bytes after its last tensor/,
    ],
    [
      'an unknown dtype',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.dtype = 'F33';
          }),
        ),
      /tensor 'lm_head\.weight': unknown dtype "F33"/,
    ],
    [
      'a shape that is not whole numbers',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.shape = [BASE, -6];
          }),
        ),
      /tensor 'lm_head\.weight': shape \[40,-6\] is not a list of whole numbers/,
    ],
    [
      'a shape too large to count',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.shape = [2 ** 40, 2 ** 40];
          }),
        ),
      /tensor 'lm_head\.weight': shape \[.*\] is too large/,
    ],
    [
      'data_offsets that are not a pair',
      () =>
        setup(
          edit((h) => {
            h[HEAD]!.data_offsets = [E];
          }),
        ),
      /tensor 'lm_head\.weight': data_offsets \[960\] is not \[begin, end\]/,
    ],
    [
      'an entry that is not an object',
      () =>
        setup(
          edit((h) => {
            (h as Record<string, unknown>)[HEAD] = null;
          }),
        ),
      /tensor 'lm_head\.weight': entry is not an object/,
    ],
    [
      '__metadata__ that is not a map of strings',
      () =>
        setup(
          edit((h) => {
            h.__metadata__ = { format: 1 };
          }),
        ),
      /__metadata__ is not a map of strings/,
    ],
    ['a header that is not JSON', () => setup('{"a": ', Buffer.alloc(0)), /safetensors header is not JSON/],
    [
      'a header that is a JSON array',
      () => setup('[1, 2]', Buffer.alloc(0)),
      /safetensors header is not a JSON object/,
    ],
    [
      'a header that is not UTF-8',
      () => setup(undefined, Buffer.alloc(0), { headerBytes: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
      /safetensors header is not UTF-8/,
    ],
    [
      'a header length past the end of the file',
      () => setup(goodHeader(), Buffer.alloc(2 * E), { len: 1n << 40n }),
      /invalid safetensors file \(header length 1099511627776, file \d+ bytes/,
    ],
    [
      'a header length of zero',
      () => setup(goodHeader(), Buffer.alloc(2 * E), { len: 0n }),
      /invalid safetensors file \(header length 0,/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const s = make();
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out }));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(s.file);
    expect(e.message).toMatch(message);
    expect(fs.existsSync(s.out)).toBe(false);
    expect(temporaries(s.dir)).toEqual([]);
  });

  it("the CLI exits 1 (not 70) on the issue's file, naming the file and the tensor", async () => {
    const s = setup(
      edit((h) => {
        h[EMBED]!.shape = [BASE, COLS + 2];
      }),
    );
    const r = await cli([
      'init-embeddings',
      '--model',
      s.model,
      '--init',
      s.init,
      '--out',
      s.out,
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${s.file}: tensor 'model.embed_tokens.weight': shape [40,8] of F32 takes 1280 bytes`);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(fs.existsSync(s.out)).toBe(false);
  });

  it.each([
    [
      'a shard name that is not a string',
      5,
      /weight_map\.lm_head\.weight: Invalid input: expected string, received number/,
    ],
    [
      'a shard outside the model directory',
      '../elsewhere.safetensors',
      /weight_map\.lm_head\.weight: expected the file name of a \.safetensors shard in the same directory/,
    ],
  ])('a sharded index with %s is an InputError naming the index', async (_name, shard, message) => {
    const s = setup();
    const index = path.join(s.model, 'model.safetensors.index.json');
    fs.writeFileSync(
      index,
      JSON.stringify({ metadata: {}, weight_map: { [EMBED]: 'model.safetensors', [HEAD]: shard } }),
    );
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out }));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).file).toBe(index);
    expect(e.message).toMatch(message);
    expect(fs.existsSync(s.out)).toBe(false);
  });

  it('a shard that is a directory, or unreadable, is an InputError naming it (not an error about the output)', async () => {
    const s = setup();
    fs.rmSync(s.file);
    fs.mkdirSync(s.file);
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(`${s.file}: is not a file`);
    const u = setup();
    fs.chmodSync(u.dir, 0o777); // the run (as nobody) may write the output beside the model, not read the shard
    fs.chmodSync(u.file, 0);
    const r = await cli(
      ['init-embeddings', '--model', u.model, '--init', u.init, '--out', u.out, '--progress', 'none'],
      {
        unprivileged: true,
      },
    );
    fs.chmodSync(u.file, 0o644);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${u.file}: cannot read (EACCES)`);
  });

  it('a config.json that is not an object is an InputError naming it', async () => {
    const s = setup();
    fs.writeFileSync(path.join(s.model, 'config.json'), '[1]');
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(
      /config\.json: not a valid model config\.json: the top level: .*expected object, received array/,
    );
  });

  it('a grown checkpoint passes the same checks (tensors end to end, header padded to 8 bytes)', async () => {
    const s = setup();
    await initEmbeddings({ model: s.model, init: s.init, out: s.out });
    const h = readHeader(path.join(s.out, 'model.safetensors'));
    expect(h.dataStart % 8).toBe(0);
    const grown = (BASE + 6) * COLS * 4;
    expect([...h.tensors.values()].map((t) => t.data_offsets)).toEqual([
      [0, grown],
      [grown, 2 * grown],
    ]);
  });
});

describe('the library checks its options: a UsageError naming the field (and its flag), nothing written', () => {
  const s = setup();
  const ok = { model: s.model, init: s.init, out: s.out };
  const cases: [string, unknown, RegExp][] = [
    ['no options', {}, /initEmbeddings: model \(--model\): Invalid input: expected string, received undefined/],
    ['no model', { init: s.init, out: s.out }, /model \(--model\): .*expected string/],
    ['no init file', { model: s.model, out: s.out }, /init \(--init\): .*expected string/],
    ['no out', { model: s.model, init: s.init }, /out \(--out\): .*expected string, received undefined/],
    ['out: 42', { ...ok, out: 42 }, /out \(--out\): .*expected string, received number/],
    ['an empty model path', { ...ok, model: '' }, /model \(--model\): expected a non-empty path/],
    ['padTo 0', { ...ok, padTo: 0 }, /padTo \(--pad-to\): .*>=1/],
    ['padTo 45.5', { ...ok, padTo: 45.5 }, /padTo \(--pad-to\): .*expected int/],
    ['padTo as text', { ...ok, padTo: '46' }, /padTo \(--pad-to\): .*expected number, received string/],
    ['an unknown rule', { ...ok, rule: 'median' }, /rule \(--rule\): .*"mean"\|"hewitt"/],
    ['a negative seed', { ...ok, seed: -1 }, /seed \(--seed\): .*>=0/],
    ['force as text', { ...ok, force: 'yes' }, /force \(--force\): .*expected boolean/],
    ['an empty tensor name', { ...ok, embedName: '' }, /embedName \(--embed-name\)/],
    ['onProgress not a function', { ...ok, onProgress: 5 }, /onProgress: expected a function/],
    ['signal not an AbortSignal', { ...ok, signal: {} }, /signal: expected an AbortSignal/],
    ['a misspelt option', { ...ok, padto: 46 }, /padto: Unrecognized key/],
    ['null', null, /the options: .*expected object/],
  ];
  it.each(cases)('%s', async (_name, opts, message) => {
    const e = await rejection(initEmbeddings(opts as InitEmbeddingsOptions));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(message);
    expect(fs.existsSync(s.out)).toBe(false);
    expect(temporaries(s.dir)).toEqual([]);
  });

  it('the CLI goes through the same check: an empty --model is exit 2 naming --model', async () => {
    const r = await cli(['init-embeddings', '--model', '', '--init', s.init, '--out', s.out, '--progress', 'none']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/model \(--model\): expected a non-empty path/);
    expect(fs.existsSync(s.out)).toBe(false);
  });
});

describe("--pad-to never below the tokenizer's ids", () => {
  it('refuses 44 rows for 46 ids (padding tokens are ids too), naming both numbers; 46 is taken', async () => {
    const s = setup();
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out, padTo: 44 }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(/--pad-to 44 is below the tokenizer's 46 ids \(ids 0 to 45: 40 of the base, 6 new\)/);
    expect(fs.existsSync(s.out)).toBe(false);
    const r = await initEmbeddings({ model: s.model, init: s.init, out: s.out, padTo: 46 });
    expect(r.padTo).toBe(46);
    expect(readHeader(path.join(s.out, 'model.safetensors')).tensors.get(EMBED)!.shape).toEqual([46, COLS]);
  });

  it('the CLI exits 2 and writes nothing', async () => {
    const s = setup();
    const r = await cli([
      'init-embeddings',
      '--model',
      s.model,
      '--init',
      s.init,
      '--out',
      s.out,
      '--pad-to',
      '45',
      '--progress',
      'none',
    ]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--pad-to 45 is below the tokenizer's 46 ids/);
    expect(fs.existsSync(s.out)).toBe(false);
  });

  it('an init file whose padded_vocab_size is below its own ids is an InputError naming it', async () => {
    const s = setup();
    const init = initFile(s.dir, BASE + 5);
    const e = await rejection(initEmbeddings({ model: s.model, init, out: s.out }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(`${init}: padded_vocab_size 45 is below the tokenizer's 46 ids (40 base + 6 new)`);
  });
});

describe("interruption: the library's signal", () => {
  it('an aborted signal stops the run before anything is written', async () => {
    const s = setup();
    const ctl = new AbortController();
    ctl.abort();
    const e = await rejection(initEmbeddings({ model: s.model, init: s.init, out: s.out, signal: ctl.signal }));
    expect(e).toBeInstanceOf(InterruptedError);
    expect(fs.readdirSync(s.dir).sort()).toEqual(['embedding-init.json', 'model']);
  });

  it.each(['read', 'rows', 'copy'])(
    'an abort at the first "%s" report stops it, the staged output removed',
    async (stage) => {
      const norm = { dtype: 'F32', shape: [COLS], data_offsets: [2 * E, 2 * E + COLS * 4] };
      const s = setup({ ...goodHeader(), 'model.norm.weight': norm }, Buffer.alloc(2 * E + COLS * 4));
      const ctl = new AbortController();
      const stages: string[] = [];
      const onProgress = (p: { stage: string }) => {
        stages.push(p.stage);
        if (p.stage.startsWith(stage)) ctl.abort();
      };
      const e = await rejection(
        initEmbeddings({ model: s.model, init: s.init, out: s.out, signal: ctl.signal, onProgress }),
      );
      expect(e).toBeInstanceOf(InterruptedError);
      expect(stages.some((st) => st.startsWith(`${stage} `))).toBe(true);
      expect(fs.readdirSync(s.dir).sort()).toEqual(['embedding-init.json', 'model']);
    },
  );
});

describe('interruption: the CLI stops within a fraction of a second of SIGTERM or SIGINT', () => {
  /** A checkpoint of ~330 MB written sparse (fast): the output layer, a large other tensor, then the input embeddings. */
  function bigCheckpoint(): { dir: string; model: string; init: string; out: string } {
    const dir = tmpDir();
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    const cols = 1 << 19;
    const mat = BASE * cols * 4;
    const other = 160 << 20;
    const header = {
      [HEAD]: { dtype: 'F32', shape: [BASE, cols], data_offsets: [0, mat] },
      'model.layers.0.mlp.weight': { dtype: 'F32', shape: [other / 4], data_offsets: [mat, mat + other] },
      [EMBED]: { dtype: 'F32', shape: [BASE, cols], data_offsets: [mat + other, 2 * mat + other] },
    };
    const file = path.join(model, 'model.safetensors');
    rawSafetensors(file, header, Buffer.alloc(0));
    fs.truncateSync(file, fs.statSync(file).size + 2 * mat + other);
    fs.writeFileSync(path.join(model, 'config.json'), JSON.stringify({ vocab_size: BASE }));
    return { dir, model, init: initFile(dir), out: path.join(dir, 'out') };
  }

  /** Runs init-embeddings and sends `sig` at the first progress report of `stage`; resolves to the exit
   * code and the time from the signal to the exit. */
  type Outcome = { code: number | null; ms: number; stderr: string };
  function interrupt(s: ReturnType<typeof bigCheckpoint>, stage: string, sig: NodeJS.Signals): Promise<Outcome> {
    const args = ['init-embeddings', '--model', s.model, '--init', s.init, '--out', s.out, '--progress', 'json'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stderr = '';
    let sent = 0;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes(`"stage":"${stage}`)) {
        sent = performance.now();
        child.kill(sig);
      }
    });
    return new Promise((resolve) =>
      child.on('exit', (code) => resolve({ code, ms: sent ? performance.now() - sent : NaN, stderr })),
    );
  }

  it.each([
    ['SIGTERM', 'read lm_head.weight'],
    ['SIGINT', 'copy model.safetensors'],
    ['SIGTERM', 'read model.embed_tokens.weight'],
  ] as const)('%s at "%s": exit 130, no output, no temporaries', async (sig, stage) => {
    const s = bigCheckpoint();
    const r = await interrupt(s, stage, sig);
    expect(r.code, r.stderr).toBe(130);
    expect(r.ms).toBeLessThan(2000); // within 0.5 s on an idle machine; the margin is for a loaded one
    expect(r.stderr).toMatch(/interrupted; no output was written/);
    expect(fs.readdirSync(s.dir).sort()).toEqual(['embedding-init.json', 'model']);
    expect(temporaries(s.dir)).toEqual([]);
    fs.rmSync(s.dir, { recursive: true, force: true });
  });
});
