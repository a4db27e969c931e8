// Generates the Pothos Prisma types (src/graphql/generated/pothos-prisma-types.ts)
// from prisma/schema.prisma without touching the shared schema or the Prisma
// client: the schema's models are copied into a temporary schema whose only
// generator is Pothos', and `prisma generate` runs on that copy offline (the
// schema engine is never called by generate; a stub satisfies the CLI).
//
//   npx tsx src/graphql/generate-prisma-types.ts           regenerate
//   npx tsx src/graphql/generate-prisma-types.ts --check   fail when stale
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const POTHOS_TYPES_PATH = join(root, 'src', 'graphql', 'generated', 'pothos-prisma-types.ts');

function generatePothosPrismaTypes(outFile: string): void {
  const schema = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');
  const models = schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*$/gm, '');
  // The schema's preview features (e.g. partialIndexes) are needed to parse its models.
  const previewFeatures = /^\s*previewFeatures\s*=.*$/m.exec(schema)?.[0].trim() ?? '';
  const work = mkdtempSync(join(tmpdir(), 'attrib-pothos-'));
  try {
    const clientOutput = relative(dirname(outFile), join(root, 'src', 'generated', 'prisma', 'client.js'))
      .split('\\')
      .join('/');
    const tmpSchema = join(work, 'schema.prisma');
    writeFileSync(
      tmpSchema,
      `generator pothos {
  provider     = "node ${join(root, 'node_modules', '@pothos', 'plugin-prisma', 'bin', 'generator.js').split('\\').join('/')}"
  clientOutput = "${clientOutput.startsWith('.') ? clientOutput : `./${clientOutput}`}"
  output       = "${outFile.split('\\').join('/')}"
  ${previewFeatures}
}
${models}`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
    if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
      const stub = join(work, 'schema-engine-stub');
      writeFileSync(stub, '#!/bin/sh\nexit 1\n');
      chmodSync(stub, 0o755);
      env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
    }
    const bin = join(root, 'node_modules', '.bin', 'prisma');
    const result = spawnSync(bin, ['generate', '--schema', tmpSchema], { cwd: work, env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`prisma generate (pothos types) failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const check = process.argv.includes('--check');
  if (check) {
    // Generate next to the real file so relative imports come out the same.
    const out = join(dirname(POTHOS_TYPES_PATH), `.check-${process.pid}.ts`);
    try {
      generatePothosPrismaTypes(out);
      const current = existsSync(POTHOS_TYPES_PATH) ? readFileSync(POTHOS_TYPES_PATH, 'utf8') : '';
      if (readFileSync(out, 'utf8') !== current) {
        console.error(
          `${relative(root, POTHOS_TYPES_PATH)} is stale: run \`npx tsx src/graphql/generate-prisma-types.ts\` and commit the result.`,
        );
        process.exitCode = 1;
      } else {
        console.log(`${relative(root, POTHOS_TYPES_PATH)} is up to date.`);
      }
    } finally {
      rmSync(out, { force: true });
    }
  } else {
    mkdirSync(dirname(POTHOS_TYPES_PATH), { recursive: true });
    generatePothosPrismaTypes(POTHOS_TYPES_PATH);
    console.log(`wrote ${relative(root, POTHOS_TYPES_PATH)}`);
  }
}
