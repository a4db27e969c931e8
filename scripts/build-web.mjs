// Builds the web app (web/ → web/dist) with Vite. With --if-stale it builds
// only when web/dist/index.html is missing or older than any source of the
// bundle: the app (web/src, web/index.html, web/vite.config.ts, web/public)
// and what it bundles from outside web/ (the rules-language service of
// src/dsl with the src/domain it imports, and docs/spotlight.md, which the
// spotlight renders). `npm start` runs it so that a fresh clone, or a pull
// that changed any of them, serves a current build, while an unchanged
// checkout starts without building.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../', import.meta.url));
const root = join(repo, 'web');
const ifStale = process.argv.includes('--if-stale');

/** What the bundle is built from, relative to the repository. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/dsl', 'src/domain', 'docs/spotlight.md'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (ifStale) {
  const built = join(root, 'dist', 'index.html');
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(repo, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
  console.error(`attrib: building the web app (web/dist ${existsSync(built) ? 'is older than its sources' : 'is missing'})…`);
}

const { build } = await import('vite');
const started = Date.now();
await build({ configFile: join(root, 'vite.config.ts'), logLevel: ifStale ? 'warn' : 'info' });
console.error(`attrib: web app built in ${Date.now() - started} ms (web/dist, served at /app)`);
