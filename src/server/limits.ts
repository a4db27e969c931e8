// Request guards enforced at validation, before any resolver runs.
//
// Query limits, before any resolver runs: a query
// over the depth, breadth (selected fields, aliases included) or cost limit
// is refused whole with a typed QUERY_TOO_COMPLEX error and nothing executes.
// Costs follow the same rules as the builder's complexity plugin
// (src/graphql/builder.ts), which stays as a second line at execution.
import { createComplexityRule, ComplexityErrorKind } from '@pothos/plugin-complexity';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { complexityLimitError } from '../graphql/builder.js';
import type { ApiLimits } from '../graphql/context.js';

interface RequestParams { variables?: Record<string, unknown> | null; operationName?: string | null }

export function queryLimitsPlugin(limits: ApiLimits): Plugin {
  return {
    onValidate({ context, addValidationRule }) {
      const params = (context as { params?: RequestParams }).params;
      addValidationRule(createComplexityRule({
        context: context as object,
        variableValues: params?.variables ?? {},
        operationName: params?.operationName ?? undefined,
        validate: (state, report) => {
          const result = {
            depth: state.depth, maxDepth: limits.maxDepth,
            breadth: state.breadth, maxBreadth: limits.maxBreadth,
            complexity: state.complexity, maxComplexity: limits.maxComplexity,
          };
          if (state.depth > limits.maxDepth) report(complexityLimitError(ComplexityErrorKind.Depth, result));
          else if (state.breadth > limits.maxBreadth) report(complexityLimitError(ComplexityErrorKind.Breadth, result));
          else if (state.complexity > limits.maxComplexity) report(complexityLimitError(ComplexityErrorKind.Complexity, result));
        },
      }));
    },
  };
}

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a string with one,
 * in the document or in the variables, is refused at validation with a typed
 * BAD_USER_INPUT error naming where it is, instead of failing deep in a write.
 */
export function textInputPlugin(): Plugin {
  return {
    onValidate({ context, addValidationRule }) {
      const params = (context as { params?: RequestParams }).params;
      addValidationRule(nulCharacterRule(params?.variables ?? {}));
    },
  };
}

const NUL = '\u0000';

function nulCharacterRule(variables: Record<string, unknown>): ValidationRule {
  return (ctx) => ({
    Document() {
      const path = findNul(variables, 'variables');
      if (path) ctx.reportError(nulError(`${path} contains the NUL character (U+0000), which cannot be stored; remove it`));
    },
    StringValue(node) {
      if (node.value.includes(NUL)) ctx.reportError(nulError('A string in the query contains the NUL character (U+0000), which cannot be stored; remove it', node));
    },
  });
}

function nulError(message: string, node?: import('graphql').ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: 'BAD_USER_INPUT' } });
}

/** The dotted path of the first string (or object key) holding a NUL, if any. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return `${path} (a key)`;
      const found = findNul(v, `${path}.${k}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
