// `tokext serve`: the workbench's HTTP server. Hono routes the JSON API (./api.ts) and the page's
// own files (web/ in the package, read once at start: nothing else on disk is reachable by URL).
// Read-only, bounded: 1 MB bodies, header and idle timeouts, 127.0.0.1 unless told otherwise.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, compare, diff, intParam, MAX_PAGE, version, versions } from './api.js';
import { Catalog } from './catalog.js';

/** The page's files: web/ at the package root (beside src/ and dist/). */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

/** Limits of a request. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  headersMs: 10_000, // the whole header must arrive within this
  requestMs: 60_000, // the whole request
  idleMs: 30_000, // a socket with nothing happening is closed
  keepAliveMs: 5_000,
};

/** The page's routes: each serves index.html, which reads the view from its URL. */
const VIEWS = ['/', '/versions', '/version', '/compare', '/diff'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The page's files by URL path, read once. */
function webFiles(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(`/${name}`, { body: fs.readFileSync(path.join(dir, name)), type });
  }
  return files;
}

const error = (c: Context, status: 400 | 404 | 413 | 500, message: string) => c.json({ error: message }, status);

/** The app: API and page over `catalog`. */
export function serverApp(catalog: Catalog, webDir = WEB_DIR): Hono {
  const files = webFiles(webDir);
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: LIMITS.bodyBytes,
      onError: (c) => {
        c.header('connection', 'close'); // the rest of the body is never read: the connection cannot carry another request
        return error(c, 413, `request body over ${LIMITS.bodyBytes} bytes`);
      },
    }),
  );
  app.get('/api/versions', (c) => c.json(versions(catalog)));
  app.get('/api/version', (c) =>
    c.json(
      version(catalog, c.req.query('ref'), {
        q: c.req.query('q'),
        script: c.req.query('script'),
        kind: c.req.query('kind'),
        sort: c.req.query('sort'),
        offset: intParam(c.req.query('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
        limit: intParam(c.req.query('limit'), 'limit', 100, 1, MAX_PAGE),
      }),
    ),
  );
  app.post('/api/compare', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'the body is not JSON');
    }
    return c.json(await compare(catalog, body));
  });
  app.get('/api/diff', (c) =>
    c.json(
      diff(catalog, c.req.query('a'), c.req.query('b'), {
        offset: intParam(c.req.query('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
        limit: intParam(c.req.query('limit'), 'limit', 100, 1, MAX_PAGE),
      }),
    ),
  );
  app.get('/api/lines', async (c) => c.json({ lines: await catalog.lines() }));
  app.all('/api/*', (c) => error(c, 404, `no such API: ${c.req.method} ${c.req.path}`));
  app.get('*', (c) => {
    const f = files.get(VIEWS.includes(c.req.path) ? '/index.html' : c.req.path);
    if (!f) return c.text('not found', 404);
    return c.body(new Uint8Array(f.body), 200, { 'content-type': f.type, 'cache-control': 'no-cache' });
  });
  app.onError((err, c) => (err instanceof ApiError ? error(c, err.status, err.message) : error(c, 500, err.message)));
  return app;
}

/** Where the server listens. */
export interface ServeOptions {
  db: string;
  dirs?: string[];
  corpora?: string[]; // text whose first lines the compare view offers
  textField?: string; // their JSONL field or Parquet column (default text)
  port?: number; // default 7860; 0 picks a free one
  host?: string; // default 127.0.0.1
}

/** A running server. */
export interface RunningServer {
  url: string;
  catalog: Catalog;
  close(): Promise<void>;
}

/** Starts the workbench server; resolves once it listens. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const catalog = new Catalog(o.db, o.dirs ?? [], o.corpora ?? [], o.textField);
  const app = serverApp(catalog);
  const host = o.host ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 7860, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const http = server as import('node:http').Server;
  http.headersTimeout = LIMITS.headersMs;
  http.requestTimeout = LIMITS.requestMs;
  http.keepAliveTimeout = LIMITS.keepAliveMs;
  http.setTimeout(LIMITS.idleMs, (socket) => socket.destroy());
  const { port } = http.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    catalog,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
