// Compiled execution for the ingestion mutation. A batch of 1,000
// touchpoints arrives as one variable of 1,000 input objects; graphql-js
// (through Yoga's executor) copies and coerces it field by field, which
// measured ~6 ms of this thread's CPU per 1,000 touchpoints (7.1 ms against
// 1.0 ms compiled, side by side in one process, JSON.parse included) and
// several KB of garbage per touchpoint. graphql-jit compiles the operation
// once, variable coercion included, into plain functions.
//
// Only an operation that is exactly one `ingestTouchpoints` mutation field
// runs compiled; every other operation runs on Yoga's executor.
// Same schema, same resolvers (auth scopes, typed errors and all), same
// validation before execution. Variables that do not coerce are answered
// by Yoga's executor: graphql-jit names the wrong variable and path less
// precisely, and no resolver has run at that point, so nothing happens twice.
// Errors come back as graphql-js GraphQLErrors located at their field, as
// Yoga's executor gives them.
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { operationNamed } from '../graphql/input-limits.js';

/** The root field that runs compiled. */
const COMPILED_MUTATION_FIELD = 'ingestTouchpoints';

/** How many operations ran compiled (the server's App exposes it; tests read it). */
export interface CompiledIngestionStats {
  executions: number;
  /** Of those, how many had variables that did not coerce and went to Yoga's executor. */
  fallbacks: number;
}

/** Whether the operation is a mutation of exactly one `ingestTouchpoints` field (no fragments or directives at the root). */
export function isCompiledIngestion(document: DocumentNode, operationName?: string | null): boolean {
  const op = operationNamed(document, operationName);
  const [field, ...more] = op?.selectionSet.selections ?? [];
  return (
    op?.operation === 'mutation' &&
    more.length === 0 &&
    !op.directives?.length &&
    field?.kind === Kind.FIELD &&
    field.name.value === COMPILED_MUTATION_FIELD &&
    !field.directives?.length
  );
}

export function compiledIngestionPlugin(stats: CompiledIngestionStats, log: (line: string) => void): Plugin {
  // Yoga's parser cache hands out the same DocumentNode for the same text, so
  // an integrator's mutation is compiled once. null: runs on Yoga's executor.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (args: { schema: Parameters<typeof compileQuery>[0]; document: DocumentNode; operationName?: string | null }) => {
    let byName = compiled.get(args.document);
    if (!byName) {
      byName = new Map();
      compiled.set(args.document, byName);
    }
    const name = args.operationName ?? '';
    let entry = byName.get(name);
    if (entry === undefined) {
      entry = null;
      if (isCompiledIngestion(args.document, args.operationName)) {
        const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
        if (isCompiledQuery(result)) entry = result;
        else log(`compiling the ingestion mutation failed, running it uncompiled: ${JSON.stringify(result.errors).slice(0, 500)}`);
      }
      byName.set(name, entry);
    }
    return entry;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const query = compiledFor(args);
      if (!query) return;
      setExecuteFn(async (execArgs) => {
        stats.executions++;
        const result = (await query.query(execArgs.rootValue, execArgs.contextValue, execArgs.variableValues ?? {})) as ExecutionResult;
        if ('data' in result) return asGraphQLErrors(result, execArgs.document, execArgs.operationName);
        // The variables did not coerce (no resolver ran): let Yoga's executor word the errors.
        stats.fallbacks++;
        return executeFn(execArgs);
      });
    },
  };
}

/** The field at a response path (list indices skipped), through inline fragments and fragment spreads. */
function fieldAt(document: DocumentNode, op: OperationDefinitionNode, path: ReadonlyArray<string | number>): FieldNode | undefined {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const find = (selections: readonly SelectionNode[], key: string): FieldNode | undefined => {
    for (const sel of selections) {
      if (sel.kind === Kind.FIELD) {
        if ((sel.alias ?? sel.name).value === key) return sel;
      } else {
        const inner = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments.get(sel.name.value)?.selectionSet;
        const found = inner && find(inner.selections, key);
        if (found) return found;
      }
    }
    return undefined;
  };
  let node: FieldNode | undefined;
  let selections: readonly SelectionNode[] = op.selectionSet.selections;
  for (const key of path) {
    if (typeof key === 'number') continue;
    node = find(selections, key);
    if (!node) return undefined;
    selections = node.selectionSet?.selections ?? [];
  }
  return node;
}

/**
 * The result with graphql-js errors, as Yoga's executor gives them: graphql-jit
 * has its own error class (no `name`, so the server's masking would not see a
 * GraphQLError), and each error is located at its field like graphql-js'
 * locatedError does, with the thrown error as originalError.
 */
function asGraphQLErrors(result: ExecutionResult, document: DocumentNode, operationName: string | null | undefined): ExecutionResult {
  if (!result.errors?.length) return result;
  const op = operationNamed(document, operationName)!;
  const errors = result.errors.map((e) => {
    const node = e.path ? fieldAt(document, op, e.path) : undefined;
    return new GraphQLError(e.message, {
      nodes: node,
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: e.extensions,
    });
  });
  return { ...result, errors };
}
