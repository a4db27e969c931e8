// Loads parts of the platform that may not have landed yet. A benchmark whose
// dependency is missing reports "skipped: <what is missing>" instead of a
// number. Paths are relative to the repository root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export class Missing extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'Missing';
  }
}

/**
 * Imports `relPath` (e.g. "src/dsl/index.ts") and checks that it exports every
 * name in `exports`. Throws Missing with a precise reason otherwise.
 */
export async function requireModule<T>(relPath: string, exports: readonly string[]): Promise<T> {
  const file = path.join(repoRoot, relPath);
  if (!existsSync(file)) throw new Missing(`${relPath} does not exist yet`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Missing(`${relPath} failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  const absent = exports.filter((name) => mod[name] === undefined);
  if (absent.length > 0) throw new Missing(`${relPath} does not export ${absent.join(', ')}`);
  return mod as T;
}

export function requireFile(relPath: string): string {
  const file = path.join(repoRoot, relPath);
  if (!existsSync(file)) throw new Missing(`${relPath} does not exist yet`);
  return file;
}
