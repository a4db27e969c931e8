import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../../../', import.meta.url).pathname;

/** Every standard-library rule file (dsl/**\/*.attr), relative path and text. */
export function stdlibFiles(): Array<{ file: string; source: string }> {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.attr')) out.push(p);
    }
  };
  walk(join(ROOT, 'dsl'));
  return out.sort().map((p) => ({ file: relative(ROOT, p), source: readFileSync(p, 'utf8') }));
}
