// Input limits, checked before any work: how deep a value may nest, how long
// a string may be, and which characters text may hold. Pure functions over a
// document's text, its AST and a request's variables; the Yoga plugin in
// src/server/limits.ts decides when each runs (see there for why the variable checks
// run per request and never inside Yoga's validation cache).
//
// What is refused, always as BAD_USER_INPUT naming where:
//  - a value (literal in the document, a variable, a JSON scalar such as
//    touchpoint metadata) nested deeper than `maxInputDepth` objects/lists;
//  - a string longer than its field's limit (`stringLimitFor`);
//  - text PostgreSQL cannot store or that is not Unicode: the NUL character
//    and unpaired UTF-16 surrogates (invalid UTF-8 bytes in the request body
//    are refused by the HTTP layer, src/server/app.ts).
// A document nesting brackets deeper than the parser can follow is refused
// from its token stream, before graphql-js' recursive parser sees it.
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  type ASTNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';

export interface InputLimits {
  /** Selection depth limit of the query (ApiLimits.maxDepth): bounds how deep selection sets may nest in the text. */
  maxDepth: number;
  /** Objects/lists a value may nest (literals, variables, JSON scalars). */
  maxInputDepth: number;
  /** Items in one list value (a request's variables or literals); bounds the work before coercion and per-item validation. */
  maxListLength: number;
  /** Characters in any string not given another limit. */
  maxStringLength: number;
  /** Characters in a key or id (fields named `key`, `…Key`, `…Keys`, `externalId`, `id`, `…Id`, and ID arguments). */
  maxKeyLength: number;
  /** Per-field limits that win over the two above, by `InputType.field` or `Type.field.argument`. */
  stringLengthByField: Readonly<Record<string, number>>;
}

export const DEFAULT_INPUT_LIMITS: Omit<InputLimits, 'maxDepth'> = {
  maxInputDepth: 32,
  // Twice the largest touchpoint batch: a batch over 5,000 still gets its typed BatchTooLargeError.
  maxListLength: 10_000,
  maxStringLength: 10_000,
  maxKeyLength: 256,
  // Rule files are programs, not labels.
  stringLengthByField: { 'SaveRuleDraftInput.source': 1_000_000 },
};

/** The typed error every input limit raises. */
function badInput(message: string, extensions: Record<string, unknown> = {}, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

const KEY_FIELD = /(^key$|Keys?$|^externalId$|^id$|Ids?$)/;

/** The longest string `field` (an `InputType.field` or `Type.field.argument` name) may hold. */
function stringLimitFor(limits: InputLimits, field: string | null, scalar?: string): number {
  if (field) {
    const specific = limits.stringLengthByField[field];
    if (specific !== undefined) return specific;
    const last = field.slice(field.lastIndexOf('.') + 1);
    if (KEY_FIELD.test(last)) return limits.maxKeyLength;
  }
  return scalar === 'ID' ? limits.maxKeyLength : limits.maxStringLength;
}

/** What is wrong with this text, or null: the NUL character or an unpaired surrogate. */
function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains the NUL character (U+0000), which cannot be stored; remove it';
  if (!s.isWellFormed()) {
    const unit = LONE_SURROGATE.exec(s)?.[0].charCodeAt(0) ?? 0xfffd;
    return `contains an unpaired surrogate (U+${unit.toString(16).toUpperCase()}) and is not valid Unicode text; send UTF-8 encoded text`;
  }
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A path kept as segments and joined only when an error names it. */
type Path = Array<string | number>;
const joined = (path: Path): string => path.join('.');

/**
 * How to check a value of one input type at one field, worked out once per
 * (type, field) and reused by every request: the string limit, the plan of
 * list items, and the plans of an input object's fields (made on first use,
 * so recursive input types are fine). Values the schema does not describe
 * (JSON scalars, unknown keys) use `generic`: the containing field's limit.
 */
interface Plan {
  limit: number;
  item?: Plan;
  fields?: (key: string) => Plan | undefined;
  generic: Plan;
}

const plans = new WeakMap<InputLimits, Map<string, Plan>>();

function genericPlan(limit: number): Plan {
  const plan = { limit } as Plan;
  plan.generic = plan;
  return plan;
}

function planFor(type: GraphQLInputType | undefined, field: string | null, limits: InputLimits): Plan {
  let cache = plans.get(limits);
  if (!cache) {
    cache = new Map();
    plans.set(limits, cache);
  }
  const key = `${type ? String(type) : '?'}|${field ?? ''}`;
  const found = cache.get(key);
  if (found) return found;
  const inner = type && isNonNullType(type) ? (type.ofType as GraphQLInputType) : type;
  const named = inner ? getNamedType(inner) : undefined;
  const plan = genericPlan(stringLimitFor(limits, field, named && isScalarType(named) ? named.name : undefined));
  cache.set(key, plan);
  if (inner && isListType(inner)) {
    plan.item = planFor(inner.ofType as GraphQLInputType, field, limits);
  } else if (inner && isInputObjectType(inner)) {
    const defs = inner.getFields();
    const children = new Map<string, Plan>();
    plan.generic = genericPlan(plan.limit);
    plan.fields = (name) => {
      let child = children.get(name);
      if (!child && defs[name]) {
        child = planFor(defs[name].type, `${inner.name}.${name}`, limits);
        children.set(name, child);
      }
      return child;
    };
  }
  return plan;
}

function checkString(s: string, path: Path, limit: number): GraphQLError | null {
  if (s.length > limit)
    return badInput(`${joined(path)} is ${s.length} characters long, over the limit of ${limit} for this field; shorten it`, {
      path: joined(path),
      limit,
    });
  const problem = s.includes('\u0000') || !s.isWellFormed() ? textProblem(s) : null;
  if (problem) return badInput(`${joined(path)} ${problem}`, { path: joined(path) });
  return null;
}

function tooDeep(path: Path, limits: InputLimits): GraphQLError {
  return badInput(`${joined(path)} nests more than ${limits.maxInputDepth} levels of objects and lists; flatten the value`, {
    path: joined(path),
    limit: limits.maxInputDepth,
  });
}

/**
 * Checks a request's variables against the operation's variable types:
 * depth, per-field string lengths, NUL and unpaired surrogates. Returns the
 * first problem, or null. Never recurses deeper than the depth limit. Runs
 * on every request (a 5,000-touchpoint batch is ~60,000 values), so it
 * allocates nothing per value unless it finds a problem.
 */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: InputLimits,
): GraphQLError | null {
  if (!variables || typeof variables !== 'object') return null;
  const declared = new Map<string, GraphQLInputType | undefined>();
  for (const def of operation?.variableDefinitions ?? []) {
    declared.set(def.variable.name.value, typeFromAST(schema, def.type as never) as GraphQLInputType | undefined);
  }
  const path: Path = ['variables'];
  for (const name in variables) {
    path.push(name);
    const problem = textProblem(name);
    if (problem) return badInput(`${joined(path)} (a variable name) ${problem}`, { path: joined(path) });
    const error = checkValue(variables[name], planFor(declared.get(name), null, limits), path, 0, limits);
    if (error) return error;
    path.pop();
  }
  return null;
}

function checkValue(value: unknown, plan: Plan, path: Path, depth: number, limits: InputLimits): GraphQLError | null {
  if (typeof value === 'string') return checkString(value, path, plan.limit);
  if (value === null || typeof value !== 'object') return null;
  if (depth >= limits.maxInputDepth) return tooDeep(path, limits);
  if (Array.isArray(value)) {
    if (value.length > limits.maxListLength) {
      return badInput(
        `${joined(path)} has ${value.length} items, over the limit of ${limits.maxListLength} for one list; send fewer (touchpoints: batches of at most 5,000)`,
        { path: joined(path), limit: limits.maxListLength },
      );
    }
    const item = plan.item ?? plan;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const error = checkValue(value[i], item, path, depth + 1, limits);
      if (error) return error;
      path.pop();
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    path.push(key);
    if (key.includes('\u0000') || !key.isWellFormed())
      return badInput(`${joined(path)} (a key) ${textProblem(key)}`, { path: joined(path) });
    const error = checkValue(record[key], plan.fields?.(key) ?? plan.generic, path, depth + 1, limits);
    if (error) return error;
    path.pop();
  }
  return null;
}

/**
 * Document-only checks of literal strings: NUL, unpaired surrogates and the
 * per-field length. Depends on the document alone, so its result may be
 * cached with the document.
 */
export function literalTextRule(limits: InputLimits): ValidationRule {
  return function literalText(ctx) {
    const fields: string[] = [];
    return {
      Argument: {
        enter(node) {
          const parent = ctx.getParentType();
          const def = ctx.getFieldDef();
          const directive = ctx.getDirective();
          fields.push(
            directive ? `@${directive.name}.${node.name.value}` : `${parent?.name ?? '?'}.${def?.name ?? '?'}.${node.name.value}`,
          );
        },
        leave() {
          fields.pop();
        },
      },
      ObjectField: {
        enter(node) {
          const parent = getNamedType(ctx.getParentInputType());
          fields.push(parent ? `${parent.name}.${node.name.value}` : node.name.value);
        },
        leave() {
          fields.pop();
        },
      },
      StringValue(node) {
        const field = fields.at(-1) ?? null;
        const type = getNamedType(ctx.getInputType());
        const where = field ?? 'A string in the query';
        const problem = textProblem(node.value);
        if (problem) {
          ctx.reportError(badInput(`${where} ${problem}`, { field }, node));
          return;
        }
        const limit = stringLimitFor(limits, field, type && isScalarType(type) ? type.name : undefined);
        if (node.value.length > limit)
          ctx.reportError(
            badInput(
              `${where} is ${node.value.length} characters long, over the limit of ${limit} for this field; shorten it`,
              { field, limit },
              node,
            ),
          );
      },
    };
  };
}

type Bracket = 'selection' | 'value' | 'arguments';

/**
 * Scans the document's tokens and refuses one that nests deeper than the
 * limits allow before the recursive parser runs: values (object and list
 * literals, list types) beyond `maxInputDepth` as BAD_USER_INPUT, selection
 * sets beyond four times the depth limit (inline fragments nest without
 * adding depth) as QUERY_TOO_COMPLEX. Lexical errors are left to the parser,
 * which reports them with their position.
 */
export function checkDocumentNesting(text: string, limits: InputLimits): GraphQLError | null {
  const maxSelections = limits.maxDepth * 4 + 16;
  const lexer = new Lexer(new Source(text));
  const stack: Bracket[] = [];
  let values = 0;
  let selections = 0;
  let previous: TokenKind = TokenKind.SOF;
  for (;;) {
    let token;
    try {
      token = lexer.advance();
    } catch {
      return null;
    }
    if (token.kind === TokenKind.EOF) return null;
    const kind = token.kind;
    if (kind === TokenKind.BRACE_L || kind === TokenKind.BRACKET_L || kind === TokenKind.PAREN_L) {
      const top = stack.at(-1);
      const bracket: Bracket =
        kind === TokenKind.PAREN_L
          ? 'arguments'
          : kind === TokenKind.BRACKET_L ||
              previous === TokenKind.COLON ||
              previous === TokenKind.EQUALS ||
              (top === 'value' && previous !== TokenKind.NAME)
            ? 'value'
            : 'selection';
      stack.push(bracket);
      if (bracket === 'value' && ++values > limits.maxInputDepth) {
        return new GraphQLError(
          `A value in the query nests more than ${limits.maxInputDepth} levels of objects and lists (line ${token.line}, column ${token.column}); flatten the value`,
          { extensions: { code: 'BAD_USER_INPUT', limit: limits.maxInputDepth, line: token.line, column: token.column } },
        );
      }
      if (bracket === 'selection' && ++selections > maxSelections) {
        return new GraphQLError(
          `Selection sets nest more than ${maxSelections} levels (line ${token.line}, column ${token.column}); the query depth limit is ${limits.maxDepth}: request fewer nested levels.`,
          { extensions: { code: 'QUERY_TOO_COMPLEX', kind: 'Depth', maxDepth: limits.maxDepth, line: token.line, column: token.column } },
        );
      }
    } else if (kind === TokenKind.BRACE_R || kind === TokenKind.BRACKET_R || kind === TokenKind.PAREN_R) {
      const closed = stack.pop();
      if (closed === 'value') values--;
      else if (closed === 'selection') selections--;
    }
    previous = kind;
  }
}

/** The operation a request executes: by name, or the document's only one. */
export function operationNamed(
  document: { definitions: readonly { kind: string }[] },
  name: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}
