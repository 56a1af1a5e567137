import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed GraphQL documents for the dashboard, generated from the API's printed schema.
 * `npm run codegen` after changing api/schema.graphql or a `graphql()` document in web/src.
 */
const config: CodegenConfig = {
  schema: 'api/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: {} },
    },
  },
};

export default config;
