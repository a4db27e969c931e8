// Prints the schema to schema.graphql (sorted). `--check` fails when the file
// is stale: `npm run schema:print` to update, `npm run schema:check` in CI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSortedSchema } from './schema.js';

const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema.graphql');

function schemaIsCurrent(): { current: boolean; expected: string } {
  const expected = printSortedSchema();
  const actual = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '';
  return { current: actual === expected, expected };
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const { current, expected } = schemaIsCurrent();
  if (process.argv.includes('--check')) {
    if (!current) {
      console.error('schema.graphql is stale: the schema in code differs. Run `npm run schema:print` and commit schema.graphql.');
      process.exitCode = 1;
    } else {
      console.log('schema.graphql is up to date.');
    }
  } else {
    writeFileSync(SCHEMA_PATH, expected);
    console.log(current ? 'schema.graphql unchanged.' : 'wrote schema.graphql');
  }
}
