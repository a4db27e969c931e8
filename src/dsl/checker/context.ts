// The state the check stages share: the diagnostics written so far, the
// definitions and roles the file declares (filled by the early stages, read by
// the later ones), the lanes seen, and the taxonomy in force. Also the small
// value helpers several stages word their messages with.
import type { Vocabulary } from '../../domain/taxonomy.js';
import type * as A from '../ast.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { decimalOf, unitName } from '../literals.js';
import { STANDARD_ROLES, type FieldType } from '../schema.js';

export interface CheckContext {
  /** The diagnostics, in the order the stages report them. */
  readonly out: Diagnostic[];
  readonly vocabulary: Vocabulary;
  /** Each definition by name (the first of duplicates). */
  readonly defines: Map<string, A.Define>;
  /** Definitions a condition refers to, directly or through another definition. */
  readonly usedDefines: Set<string>;
  /** The standard roles and the ones the file declares. */
  readonly roles: Set<string>;
  /** The lanes the file declares. */
  readonly laneNames: Set<string>;
  /** A chain of definitions over 32 deep is reported once per file. */
  reportedDeepChain: boolean;
}

/** A check stage: reads the file, appends diagnostics (and what later stages read) to the context. */
export interface CheckStage {
  readonly name: string;
  readonly run: (file: A.RuleFile, ctx: CheckContext) => void;
}

export function createContext(vocabulary: Vocabulary): CheckContext {
  return {
    out: [],
    vocabulary,
    defines: new Map(),
    usedDefines: new Set(),
    roles: new Set(STANDARD_ROLES),
    laneNames: new Set(),
    reportedDeepChain: false,
  };
}

export function report(
  ctx: CheckContext,
  code: string,
  severity: Diagnostic['severity'],
  message: string,
  range: A.SourceRange,
  hint?: string,
): void {
  ctx.out.push(diagnostic(code, severity, message, range, hint));
}

/** The values an enum field may take: for taxonomy fields, every entry in force (retired ones included: old records have them). */
export function valuesOf(ctx: CheckContext, type: Extract<FieldType, { kind: 'enum' }>): readonly string[] {
  return type.taxonomy ? ctx.vocabulary.keys(type.taxonomy, { includeRetired: true }) : type.values;
}

export const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

export const pathOf = (fp: A.FieldPath): string => {
  const p = fp.segments.map((s) => s.name).join('.');
  return p === 'partner.key' ? 'partner' : p;
};

export function valueKey(v: A.Value): string {
  switch (v.kind) {
    case 'name':
      return v.name;
    case 'string':
      return v.value;
    case 'number': {
      const d = decimalOf(v);
      return d ? `${d.num}/${d.den}${v.unit ?? ''}` : v.text;
    }
    case 'date':
      return v.text;
    case 'list':
      return `[${v.items.map(valueKey).join(',')}]`;
  }
}

export function describe(v: A.Value): string {
  switch (v.kind) {
    case 'number':
      return `${unitName(v.unit)} (${v.text}${v.unit === '%' ? '%' : v.unit === 'days' ? ' days' : ''})`;
    case 'date':
      return `a date (${v.text})`;
    case 'string':
      return `text ("${v.value}")`;
    case 'name':
      return `a name (${v.name})`;
    case 'list':
      return 'a list';
  }
}

export function refsOf(c: A.Condition): string[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.operands.flatMap(refsOf);
    case 'not':
      return refsOf(c.operand);
    case 'ref':
      return [c.name.name];
    default:
      return [];
  }
}
