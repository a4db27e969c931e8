// Builds the web app (web/ → web/dist) with Vite. With --if-stale it builds
// only when web/dist/index.html is missing or older than any source of the
// app (web/src, web/index.html, web/vite.config.ts, web/public): `npm start`
// runs it so that a fresh clone, or a pull that changed the app, serves a
// current build, while an unchanged checkout starts without building.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../web/', import.meta.url));
const ifStale = process.argv.includes('--if-stale');

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
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'public'].map((p) => newestMtime(join(root, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
  console.error(`attrib: building the web app (web/dist ${existsSync(built) ? 'is older than web/src' : 'is missing'})…`);
}

const { build } = await import('vite');
const started = Date.now();
await build({ configFile: join(root, 'vite.config.ts'), logLevel: ifStale ? 'warn' : 'info' });
console.error(`attrib: web app built in ${Date.now() - started} ms (web/dist, served at /app)`);
