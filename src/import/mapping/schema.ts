// The mapping file: which CRM export file holds each entity, which source
// header holds each column of today's format, which source labels mean which
// keys, and how dates and numbers are written. Validated with zod; every
// problem is reported with its JSON path (and line:col in the file) and what
// to do. `parseMapping` is pure; `loadMapping` reads the file.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { closest } from '../values.js';
import { MAPPED_ENTITIES, TARGETS, type MappedEntity } from './targets.js';
import {
  DECIMAL_SEPARATORS,
  THOUSANDS_SEPARATORS,
  dateFormatProblem,
  formatHasOffset,
  isTimeZone,
  knownTimeZones,
  type DateSettings,
  type NumberSettings,
} from './values.js';

/** One entity's mapping, with the top-level dates/numbers merged in. */
export interface EntityMapping {
  entity: MappedEntity;
  /** The source file in the import directory. */
  file: string;
  /** Target column -> source header; columns left out are read as empty. */
  columns: Readonly<Record<string, string>>;
  /** Target column -> source label -> key. */
  values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  dates: DateSettings;
  numbers: NumberSettings;
  /** The mapping file's name, for messages. */
  mappingFile: string;
}

export interface ImportMapping {
  /** Where the mapping came from (a file name), for messages. */
  source: string;
  /** Only the entities the mapping has a section for. */
  entities: Partial<Record<MappedEntity, EntityMapping>>;
}

export interface MappingIssue {
  /** JSON path of the problem, e.g. `opportunities.columns.stage`; "" for the whole file. */
  path: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

/** The mapping file cannot be used; `issues` says where and why. */
export class MappingError extends Error {
  constructor(
    readonly file: string,
    readonly issues: MappingIssue[],
  ) {
    super(issues.map((i) => formatMappingIssue(file, i)).join('\n'));
    this.name = 'MappingError';
  }
}

function formatMappingIssue(file: string, issue: MappingIssue): string {
  const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
}

// ── the schema ────────────────────────────────────────────────────────────

const TOP_KEYS = ['dates', 'numbers', ...MAPPED_ENTITIES] as const;
const SECTION_KEYS = ['file', 'columns', 'values', 'dates', 'numbers'] as const;
const DATE_KEYS = ['format', 'timezone'] as const;
const NUMBER_KEYS = ['thousandsSeparator', 'decimalSeparator'] as const;

const text = z.string().min(1, { message: 'must not be empty' });

const datesSchema = z
  .strictObject({
    format: z.union([text, z.array(text).min(1, { message: 'list at least one format' })]).optional(),
    timezone: text.optional(),
  })
  .superRefine((d, ctx) => {
    const formats = d.format === undefined ? [] : typeof d.format === 'string' ? [d.format] : d.format;
    formats.forEach((f, i) => {
      const problem = dateFormatProblem(f);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: typeof d.format === 'string' ? ['format'] : ['format', i],
          message: problem,
          params: {
            hint: 'use Unicode date tokens as date-fns does: M/d/yyyy h:mm a, dd.MM.yyyy HH:mm, yyyy-MM-dd HH:mm; leave format out for ISO-8601',
          },
        });
      }
    });
    if (d.timezone !== undefined && !isTimeZone(d.timezone)) {
      const guess = closest(d.timezone, knownTimeZones());
      ctx.addIssue({
        code: 'custom',
        path: ['timezone'],
        message: `"${d.timezone}" is not an IANA time zone${guess ? ` (did you mean "${guess}"?)` : ''}`,
        params: {
          hint: 'write a zone such as "UTC", "America/New_York" or "Europe/Berlin" (offsets like "+02:00" or abbreviations like "EST" are not zones)',
        },
      });
    }
  });

const numbersSchema = z.strictObject({
  thousandsSeparator: z.enum(THOUSANDS_SEPARATORS).optional(),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS).optional(),
});

function sectionSchema(entity: MappedEntity) {
  const target = TARGETS[entity];
  const columnShape = Object.fromEntries(target.columns.map((c) => [c, text.optional()]));
  const valuesShape = Object.fromEntries(target.columns.map((c) => [c, z.record(z.string(), text).optional()]));
  return z
    .strictObject({
      file: text
        .refine((f) => !/[/\\]/.test(f) && f !== '.' && f !== '..', {
          message: 'must be a file name in the import directory, without a path',
        })
        .optional(),
      columns: z.strictObject(columnShape),
      values: z.strictObject(valuesShape).optional(),
      dates: datesSchema.optional(),
      numbers: numbersSchema.optional(),
    })
    .superRefine((s, ctx) => {
      for (const c of target.columns) {
        if (s.columns[c] === undefined && !target.optional.includes(c)) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns'],
            message: `the required column "${c}" is not mapped`,
            params: {
              hint: `add ${c}: "<the source header that holds it>" under ${entity}.columns; only ${target.optional.join(', ')} may be left out`,
            },
          });
        }
      }
    });
}

const mappingSchema = z.strictObject({
  dates: datesSchema.optional(),
  numbers: numbersSchema.optional(),
  ...(Object.fromEntries(MAPPED_ENTITIES.map((e) => [e, sectionSchema(e).optional()])) as Record<
    MappedEntity,
    z.ZodOptional<ReturnType<typeof sectionSchema>>
  >),
});

type MappingInput = z.infer<typeof mappingSchema>;

/** The keys allowed in the object at `path` (for did-you-mean). */
function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return TOP_KEYS;
  const [head, second] = path;
  const last = path[path.length - 1];
  if (last === 'dates') return DATE_KEYS;
  if (last === 'numbers') return NUMBER_KEYS;
  if (path.length === 1 && MAPPED_ENTITIES.includes(head as MappedEntity)) return SECTION_KEYS;
  if (path.length === 2 && (second === 'columns' || second === 'values')) return TARGETS[head as MappedEntity]?.columns ?? [];
  return [];
}

// ── positions in the file ─────────────────────────────────────────────────

interface Located {
  doc: Document;
  lines: LineCounter;
}

function nodeAt(loc: Located, path: readonly PropertyKey[], keyOf?: string): { range?: [number, number, number] } | undefined {
  let node: unknown = loc.doc.contents;
  const steps = keyOf === undefined ? path : [...path, keyOf];
  for (const [i, seg] of steps.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return node as { range?: [number, number, number] };
      node = keyOf !== undefined && i === steps.length - 1 ? pair.key : pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      return node as { range?: [number, number, number] } | undefined;
    }
  }
  return node as { range?: [number, number, number] } | undefined;
}

function positionOf(loc: Located | undefined, path: readonly PropertyKey[], key?: string): { line?: number; column?: number } {
  const range = loc ? nodeAt(loc, path, key)?.range : undefined;
  if (!loc || !range) return {};
  const { line, col } = loc.lines.linePos(range[0]);
  return { line, column: col };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(seg))) out += out === '' ? String(seg) : `.${String(seg)}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

function hintFor(path: readonly PropertyKey[]): string {
  if (path[1] === 'columns') return 'map each column of today\'s format to the header of the export, e.g. name: "Account Name"';
  if (path[1] === 'values') return 'map each source label to a key, e.g. "Closed Won": closed_won';
  if (path.includes('numbers')) return 'thousandsSeparator is one of "," "." " " "\'" or ""; decimalSeparator is "." or ","';
  return 'see examples/mappings/salesforce.yaml for the structure of a mapping';
}

function issuesOf(error: z.ZodError, loc: Located | undefined): MappingIssue[] {
  const out: MappingIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        out.push({
          path: formatPath([...path, key]),
          ...positionOf(loc, path, key),
          message: `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
          hint: known.length > 0 ? `the keys allowed here are: ${known.join(', ')}` : 'remove it',
        });
      }
      continue;
    }
    const params = (issue as { params?: { hint?: string } }).params;
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = /received undefined$/.test(issue.message)
        ? 'is missing'
        : `must be ${issue.expected === 'object' || issue.expected === 'record' ? 'a mapping of keys to values' : `a ${issue.expected}`}`;
    }
    if (issue.code === 'invalid_value') message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    out.push({ path: formatPath(path), ...positionOf(loc, path), message, hint: params?.hint ?? hintFor(path) });
  }
  return out;
}

// ── building the resolved mapping ─────────────────────────────────────────

function resolve(input: MappingInput, mappingFile: string, loc: Located | undefined): ImportMapping {
  const entities: Partial<Record<MappedEntity, EntityMapping>> = {};
  const issues: MappingIssue[] = [];
  const files = new Map<string, MappedEntity>();
  for (const entity of MAPPED_ENTITIES) {
    const section = input[entity];
    if (!section) continue;
    const target = TARGETS[entity];
    const file = section.file ?? target.file;
    const clash = files.get(file);
    if (clash) {
      issues.push({
        path: formatPath([entity, 'file']),
        ...positionOf(loc, [entity, 'file']),
        message: `${clash} and ${entity} both read "${file}"`,
        hint: 'each entity has its own export file',
      });
    }
    files.set(file, entity);
    const dates: DateSettings = { ...input.dates, ...section.dates };
    const numbers: NumberSettings = { ...input.numbers, ...section.numbers };
    if ((numbers.thousandsSeparator ?? '') === (numbers.decimalSeparator ?? '.')) {
      const at = section.numbers ? [entity, 'numbers'] : ['numbers'];
      issues.push({
        path: formatPath(at),
        ...positionOf(loc, at),
        message: `the thousands and decimal separators are both "${numbers.decimalSeparator ?? '.'}"`,
        hint: 'set decimalSeparator to the other one ("." or ",")',
      });
    }
    const formats = dates.format === undefined ? [] : typeof dates.format === 'string' ? [dates.format] : dates.format;
    const local = formats.filter((f) => !formatHasOffset(f));
    if (target.dates.length > 0 && local.length > 0 && dates.timezone === undefined) {
      const at = section.dates ? [entity, 'dates'] : input.dates ? ['dates'] : [entity];
      issues.push({
        path: formatPath(at),
        ...positionOf(loc, at),
        message: `the date format "${local[0]}" has no UTC offset, and no timezone says where the times were written`,
        hint: 'add timezone: "UTC" (or the CRM user\'s zone, e.g. "America/New_York") next to format; the import does not guess',
      });
    }
    const columns = Object.fromEntries(Object.entries(section.columns).filter((e): e is [string, string] => e[1] !== undefined));
    const values = Object.fromEntries(
      Object.entries(section.values ?? {}).filter((e): e is [string, Record<string, string>] => e[1] !== undefined),
    );
    entities[entity] = { entity, file, columns, values, dates, numbers, mappingFile };
  }
  for (const entity of MAPPED_ENTITIES) {
    // An entity without a section is read from today's file: no section may claim that name.
    const claimant = files.get(TARGETS[entity].file);
    if (!input[entity] && claimant) {
      issues.push({
        path: formatPath([claimant, 'file']),
        ...positionOf(loc, [claimant, 'file']),
        message: `"${TARGETS[entity].file}" is today's file for ${entity}, which the mapping has no section for`,
        hint: `give ${claimant} the name of its own export file, or add a ${entity} section`,
      });
    }
  }
  if (issues.length > 0) throw new MappingError(mappingFile, issues);
  return { source: mappingFile, entities };
}

type MappingSyntax = 'json' | 'yaml';

/** The syntax of a mapping file, by its extension. */
export function mappingSyntaxOf(path: string): MappingSyntax {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new MappingError(basename(path), [
    {
      path: '',
      message: `cannot tell the mapping's format from the extension "${ext || '(none)'}"`,
      hint: 'name the file *.json, *.yaml or *.yml',
    },
  ]);
}

/** Parses and validates a mapping's text. Pure; throws MappingError. */
export function parseMapping(source: string, syntax: MappingSyntax, mappingFile: string): ImportMapping {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  let data: unknown;
  if (syntax === 'json') {
    try {
      data = JSON.parse(source.replace(/^\uFEFF/, ''));
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      const pos = m ? lines.linePos(Number(m[1])) : undefined;
      throw new MappingError(mappingFile, [
        {
          path: '',
          ...(pos ? { line: pos.line, column: pos.col } : {}),
          message: `not valid JSON: ${(err as Error).message}`,
          hint: 'check commas and quotes near that position (JSON allows no trailing commas or comments)',
        },
      ]);
    }
  } else {
    if (doc.errors.length > 0) {
      throw new MappingError(
        mappingFile,
        doc.errors.map((e) => ({
          path: '',
          line: lines.linePos(e.pos[0]).line,
          column: lines.linePos(e.pos[0]).col,
          message: `not valid YAML: ${e.message.split('\n')[0]}`,
          hint: 'check the indentation; quote labels that contain ": " or start with a special character',
        })),
      );
    }
    data = doc.toJS();
  }
  const loc = doc.errors.length === 0 ? { doc, lines } : undefined;
  if (data === null || data === undefined) {
    throw new MappingError(mappingFile, [
      { path: '', message: 'the mapping is empty', hint: 'see examples/mappings/salesforce.yaml for a mapping to start from' },
    ]);
  }
  const parsed = mappingSchema.safeParse(data);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, loc).sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
    );
    throw new MappingError(mappingFile, issues);
  }
  return resolve(parsed.data, mappingFile, loc);
}

/** Reads and validates a mapping file (.json, .yaml, .yml). Throws MappingError. */
export async function loadMapping(path: string): Promise<ImportMapping> {
  const syntax = mappingSyntaxOf(path);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    throw new MappingError(path, [
      { path: '', message: `cannot read the mapping: ${(err as Error).message}`, hint: 'pass the path of a .json or .yaml mapping file' },
    ]);
  }
  return parseMapping(source, syntax, path);
}
