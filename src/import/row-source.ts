// How importFile reads the rows of a file: today's fixed format (the header is
// exactly the documented one, cells are canonical) or a mapped CRM export
// (src/import/mapping/). Either way a record becomes the canonical
// {raw, positions} the entity's schema validates, positions in the file as written.
import type { CsvRecord } from './csv.js';
import { checkHeader } from './header.js';
import type { ImportIssue } from './issues.js';
import { canonicalRow, resolveSourceHeader, widthIssue, type CanonicalRow, type SourceHeader } from './mapping/record.js';
import type { EntityMapping } from './mapping/schema.js';

export interface RowSource {
  /** The file's name in messages and the summary. */
  file: string;
  /** What the first line must be (for an empty file). */
  expectedHeader: string;
  /** Reads the header line; the problems that make the file unreadable. */
  header(record: CsvRecord): ImportIssue[];
  /** A data record as a canonical row, or the problem that makes the row unreadable. */
  row(record: CsvRecord): CanonicalRow | { broken: ImportIssue };
}

/**
 * Today's format: `header` exactly, one cell per column. A file may leave out
 * the trailing `omittable` columns (all of them, from the first one left out):
 * their cells read as empty.
 */
export function canonicalSource(file: string, header: readonly string[], omittable: readonly string[] = []): RowSource {
  // The shortest header accepted: `header` without its trailing omittable columns.
  let min = header.length;
  while (min > 0 && omittable.includes(header[min - 1]!)) min--;
  let width = header.length;
  const shown = min < header.length ? `${header.join(',')} (${header.slice(min).join(', ')} may be left out)` : header.join(',');
  return {
    file,
    expectedHeader: `the first line of ${file} must be exactly: ${shown}`,
    header: (record) => {
      const n = record.fields.length;
      width = n >= min && n < header.length && header.slice(0, n).every((h, i) => record.fields[i] === h) ? n : header.length;
      const issue = checkHeader(file, record, header.slice(0, width));
      if (issue && width === header.length && min < header.length) issue.hint = `the first line of ${file} must be exactly: ${shown}`;
      return issue ? [issue] : [];
    },
    row: (record) => {
      const read = header.slice(0, width);
      const broken = widthIssue(file, record, read.length, read.join(','));
      if (broken) return { broken };
      const raw: Record<string, string> = {};
      const positions: Record<string, { line: number; column: number }> = {};
      header.forEach((h, i) => {
        raw[h] = i < width ? (record.fields[i] ?? '') : '';
        positions[h] = record.positions[Math.min(i, record.positions.length - 1)] ?? { line: record.line, column: 1 };
      });
      return { raw, positions, issues: [] };
    },
  };
}

/** A CRM export read through a mapping. */
export function mappedSource(mapping: EntityMapping): RowSource {
  let resolved: SourceHeader | undefined;
  const mappedHeaders = Object.values(mapping.columns)
    .map((h) => `"${h}"`)
    .join(', ');
  return {
    file: mapping.file,
    expectedHeader: `the first line of ${mapping.file} must be the export's header, with the columns ${mappedHeaders} (${mapping.mappingFile})`,
    header: (record) => {
      resolved = resolveSourceHeader(mapping, record);
      return resolved.issues;
    },
    row: (record) => {
      if (!resolved) throw new Error('mappedSource: row() before header()');
      const broken = widthIssue(mapping.file, record, resolved.width, resolved.names.join(','));
      if (broken) return { broken };
      return canonicalRow(mapping, resolved, record);
    },
  };
}
