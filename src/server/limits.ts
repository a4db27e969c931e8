// Request guards, enforced before any resolver runs.
//
// Three stages, each placed by what its outcome depends on:
//  1. parse: the document's token stream is checked for nesting before the
//     recursive parser runs (src/graphql/input-limits.ts checkDocumentNesting), so no
//     document overflows the stack;
//  2. validate: checks that depend on the document alone — literal strings
//     (NUL, unpaired surrogates, per-field length). Yoga caches validation
//     results per document (keyed on the rule names and the DocumentNode),
//     so nothing that depends on a request's variables, caller or context
//     may run here: a cached outcome would be replayed to every later caller
//     of the same document;
//  3. execute/subscribe (per request, never cached): the query's depth,
//     breadth and cost with this request's variables (page sizes come from
//     variables), and the variables' own limits (depth, string lengths, NUL,
//     unpaired surrogates).
// A query over the depth, breadth or cost limit is refused whole with
// QUERY_TOO_COMPLEX; bad input with BAD_USER_INPUT naming the path. Costs
// follow the same rules as the builder's complexity plugin
// (src/graphql/builder.ts), which stays as a second line at execution.
import { createComplexityRule, ComplexityErrorKind } from '@pothos/plugin-complexity';
import { parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { complexityLimitError } from '../graphql/builder.js';
import type { ApiLimits } from '../graphql/context.js';
import { checkDocumentNesting, checkVariables, literalTextRule, operationNamed, type InputLimits } from '../graphql/input-limits.js';

function inputLimitsOf(limits: ApiLimits): InputLimits {
  return {
    maxDepth: limits.maxDepth,
    maxInputDepth: limits.maxInputDepth,
    maxListLength: limits.maxListLength,
    maxStringLength: limits.maxStringLength,
    maxKeyLength: limits.maxKeyLength,
    stringLengthByField: limits.stringLengthByField,
  };
}

export function requestLimitsPlugin(limits: ApiLimits): Plugin {
  const input = inputLimitsOf(limits);
  const literalRule = literalTextRule(input);
  const before = (args: ExecutionArgs, stop: (result: { errors: GraphQLError[] }) => void) => {
    const error = requestError(args, limits, input);
    // extensions.http: a request refused before execution is a client error (HTTP 400), as validation errors are.
    if (error) stop({ errors: [withStatus(error, 400)] });
  };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        const error = checkDocumentNesting(text, input);
        if (error) throw error;
        return parse(source, options);
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(literalRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      before(args, setResultAndStopExecution);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      before(args, setResultAndStopExecution);
    },
  };
}

/** The first reason to refuse this request before it executes, or null. */
function requestError(args: ExecutionArgs, limits: ApiLimits, input: InputLimits): GraphQLError | null {
  const operation = operationNamed(args.document, args.operationName);
  const variables = args.variableValues as Record<string, unknown> | null | undefined;
  return (
    checkVariables(args.schema, operation, variables, input) ??
    complexityError(args.schema, args.document, variables ?? {}, args.operationName, args.contextValue, limits)
  );
}

function complexityError(
  schema: ExecutionArgs['schema'],
  document: DocumentNode,
  variableValues: Record<string, unknown>,
  operationName: string | null | undefined,
  context: unknown,
  limits: ApiLimits,
): GraphQLError | null {
  const rule = createComplexityRule({
    context: (context ?? {}) as object,
    variableValues,
    operationName: operationName ?? undefined,
    validate: (state, report) => {
      const result = {
        depth: state.depth,
        maxDepth: limits.maxDepth,
        breadth: state.breadth,
        maxBreadth: limits.maxBreadth,
        complexity: state.complexity,
        maxComplexity: limits.maxComplexity,
      };
      if (state.depth > limits.maxDepth) report(complexityLimitError(ComplexityErrorKind.Depth, result));
      else if (state.breadth > limits.maxBreadth) report(complexityLimitError(ComplexityErrorKind.Breadth, result));
      else if (state.complexity > limits.maxComplexity) report(complexityLimitError(ComplexityErrorKind.Complexity, result));
    },
  });
  return validate(schema, document, [rule])[0] ?? null;
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  (error.extensions as Record<string, unknown>).http = { status };
  return error;
}
