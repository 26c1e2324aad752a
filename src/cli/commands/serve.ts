// tokext serve: the local web workbench over the store, build directories and the bundled bases.
import fs from 'node:fs';
import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { DEFAULT_DB } from '../../store/db.js';
import { collect, int } from '../parse.js';
import { TEXT_FIELD_OPTION } from '../flags.js';
import type { CliContext } from '../context.js';

/** Addresses only this machine can reach. */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/** `tokext serve [DIR...]`. */
export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description(
      "a local web workbench: the store's versions, build directories and bundled bases, their pieces, " +
        'two tokenizers side by side on your text, diffs; read-only, no internet needed (Ctrl-C stops)',
    )
    .argument('[dir...]', "build directories to show beside the store's versions and the bundled bases")
    .option('--db <file>', 'version store whose versions to show', DEFAULT_DB)
    .option('--corpus <path>', 'text whose first lines the compare view offers to pick from; repeatable', collect, [])
    .option(...TEXT_FIELD_OPTION)
    .option('--port <n>', 'port to listen on (0: any free one)', int('--port', 0, 65535), 7860)
    .option(
      '--host <address>',
      'address to listen on; any but 127.0.0.1, localhost or ::1 lets other machines in',
      '127.0.0.1',
    )
    .option('--json', 'print {"url": …} once listening', false)
    .action(
      async (
        dirs: string[],
        o: { db: string; corpus: string[]; textField: string; port: number; host: string; json: boolean },
      ) => {
        for (const d of dirs)
          if (!fs.existsSync(d))
            throw new InputError('no such build directory', d, undefined, 'pass directories written by tokext build');
        if (!LOOPBACK.includes(o.host))
          ctx.warn(
            `warning: listening on ${o.host}: other machines that can reach it can read every version and directory shown`,
          );
        const { startServer } = await import('../../serve/server.js');
        const server = await startServer({
          db: o.db,
          dirs,
          corpora: o.corpus,
          textField: o.textField,
          port: o.port,
          host: o.host,
        });
        ctx.out(o.json ? JSON.stringify({ url: server.url }) : `tokext serve: ${server.url} (Ctrl-C stops)`);
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await server.close();
      },
    );
}
