// Imported FIRST by bench/main.ts, for its side effect: the bench process runs
// with NODE_ENV=production unless the user set NODE_ENV. graphql-js reads
// NODE_ENV once, when it is first loaded, and outside production adds a
// cross-realm check to every instanceOf (isSchema, isObjectType, … on the hot
// path of every request); the servers the bench starts run with nodeEnv
// 'production' and should be measured as deployed. ESM evaluates a module's
// imports in order, so this runs before anything imports graphql.
export const nodeEnvSetByUser = process.env.NODE_ENV !== undefined;
process.env.NODE_ENV ??= 'production';

/**
 * Which instanceOf graphql-js actually loaded: the development one throws on
 * an object that only looks like a GraphQLSchema ("from another module or
 * realm"); the production one is a plain instanceof.
 */
export async function graphqlJsMode(): Promise<'production' | 'development'> {
  const { isSchema } = await import('graphql');
  try {
    isSchema({ [Symbol.toStringTag]: 'GraphQLSchema' });
    return 'production';
  } catch {
    return 'development';
  }
}

/**
 * The young-generation size the process runs with. `npm start` and `npm run
 * bench` pass --max-semi-space-size=64 (see README, "Running the server"):
 * with V8's default (16 MB semi-spaces) a scavenge runs every ~90 ms at
 * 20,000 touchpoints/s, and a batch's objects, alive for the ~100–200 ms of
 * its request, are promoted and collected by full GCs.
 */
export function semiSpaceSetting(): string {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return args.find((a) => a.startsWith('--max-semi-space-size')) ?? 'V8 default semi-space size';
}
