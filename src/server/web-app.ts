// The web app at /app: static files of the built single-page app (web/dist,
// `npm run build:web`; `npm start` builds it when missing or stale), with the
// SPA fallback (any /app/* path that is not a file answers index.html, so
// the app's own routes can be reloaded and shared), content types, and cache
// headers: hashed files under /app/assets/ are immutable for a year,
// index.html is revalidated on every load. Without a build, /app answers 404
// with the command that builds it; the API never depends on it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_APP_PATH = '/app';

/** web/dist of this checkout. */
export const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** What every answer of the app carries: no sniffing, no framing, scripts and data from this origin only. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
};

/** True when the request is for the web app (/app or below). */
export function isWebAppPath(pathname: string): boolean {
  return pathname === WEB_APP_PATH || pathname.startsWith(`${WEB_APP_PATH}/`);
}

/** Serves one /app request from `root`. */
export async function serveWebApp(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n', { allow: 'GET, HEAD' });
    return;
  }
  const base = resolve(root);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(WEB_APP_PATH.length)).replace(/^\/+/, '');
  } catch {
    send(res, 400, 'text/plain; charset=utf-8', 'Bad path.\n');
    return;
  }
  const index = join(base, 'index.html');
  const candidate = relative === '' || relative.includes('\0') ? index : resolve(base, relative);
  // Never outside the build folder (../, encoded or not).
  const inside = candidate === base || candidate.startsWith(base + sep);
  let file = inside ? await fileAt(candidate) : null;
  if (!file) {
    // A missing file with an extension (a stale asset, a typo) is a 404; any other path is an app route.
    if (inside && extname(relative) !== '' && !relative.endsWith('.html')) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n');
      return;
    }
    file = await fileAt(index);
    if (!file) {
      send(res, 404, 'text/plain; charset=utf-8', 'The web app is not built: run `npm run build:web` (or `npm start`, which builds it).\n');
      return;
    }
  }
  const immutable = file.path.startsWith(join(base, 'assets') + sep);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'last-modified': file.mtime.toUTCString(),
  };
  if (
    !immutable &&
    req.headers['if-modified-since'] &&
    Date.parse(req.headers['if-modified-since']) >= Math.floor(file.mtime.getTime() / 1000) * 1000
  ) {
    res.writeHead(304, { 'cache-control': headers['cache-control'] as string, 'last-modified': headers['last-modified'] as string });
    res.end();
    return;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

async function fileAt(path: string): Promise<{ path: string; size: number; mtime: Date } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime } : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}
