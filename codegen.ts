// graphql-codegen: typed documents for the operations in examples/operations
// (used by examples/ingest-touchpoints.ts and the e2e tests). Run `npm run codegen`
// after changing schema.graphql or an operation; CI runs it with --check.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  importExtension: '.js',
  generates: {
    'examples/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { Decimal: 'string', DateTime: 'string', Date: 'string', JSON: 'unknown', ID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        documentMode: 'string',
      },
    },
  },
  hooks: {},
};

export default config;
