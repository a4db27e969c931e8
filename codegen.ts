// graphql-codegen: typed documents for the operations in examples/operations
// (used by examples/ingest-touchpoints.ts and the e2e tests) and for the web
// app's operations (the graphql(`…`) calls in web/src, generated into
// web/src/gql). Run `npm run codegen` after changing schema.graphql or an
// operation; CI runs it with --check.
import type { CodegenConfig } from '@graphql-codegen/cli';

const typesConfig = {
  scalars: { Decimal: 'string', DateTime: 'string', Date: 'string', JSON: 'unknown', ID: 'string' },
  enumsAsTypes: true,
  useTypeImports: true,
  strictScalars: true,
  documentMode: 'string',
} as const;

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: false,
  importExtension: '.js',
  generates: {
    'examples/generated/': {
      documents: ['examples/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    'web/src/gql/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
  },
  hooks: {},
};

export default config;
