// Resolves natural keys (account, partner, opportunity keys) to database rows
// in batches, with a bounded cache so a large file does not ask twice for the
// same popular key.
import type { SqlClient } from '../db/client.js';

const MAX_CACHED = 200_000;

export class KeyLookup<V> {
  private cache = new Map<string, V>();

  constructor(private readonly load: (sql: SqlClient, keys: string[]) => Promise<Map<string, V>>) {}

  async resolve(sql: SqlClient, keys: Iterable<string>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.cache.get(key);
      if (hit !== undefined) found.set(key, hit);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const loaded = await this.load(sql, missing);
      if (this.cache.size + loaded.size > MAX_CACHED) this.cache.clear();
      for (const [k, v] of loaded) {
        found.set(k, v);
        this.cache.set(k, v);
      }
    }
    return found;
  }
}

/** Loads `key -> id` of a table with a unique "key" column. */
export function idsByKey(table: 'partner' | 'account' | 'opportunity') {
  return async (sql: SqlClient, keys: string[]): Promise<Map<string, string>> => {
    const rows = await sql.query<{ key: string; id: string }>(`SELECT key, id FROM "${table}" WHERE key = ANY($1::text[])`, [keys]);
    return new Map(rows.map((r) => [r.key, r.id]));
  };
}

export function unknownReferenceHint(entity: string, file: string, rejectedFiles: ReadonlySet<string>): string {
  return rejectedFiles.has(file)
    ? `${file} was rejected in this import, so its ${entity}s were not written; fix ${file} and import again`
    : `add the ${entity} to ${file} (imported before this file) or correct the key`;
}
