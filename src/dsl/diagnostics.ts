// Diagnostics: what every stage reports, and how it is shown to people.
import { closest } from '../domain/closest.js';
import type { Position, SourceRange } from './ast.js';

// The did-you-mean rule of every closed vocabulary (src/domain/closest.ts); the checker reads it from here.
export { closest };

type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  file?: string;
  range: { start: Position; end: Position };
}

export function diagnostic(code: string, severity: Severity, message: string, range: SourceRange, hint?: string): Diagnostic {
  const d: Diagnostic = { code, severity, message, range };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** The position of a 0-based offset in `source` (1-based line and column). */
export function positionAt(source: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1, offset: clamped };
}

export function rangeAt(source: string, start: number, end: number): SourceRange {
  return { start: positionAt(source, start), end: positionAt(source, Math.max(start, end)) };
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      a.range.end.offset - b.range.end.offset ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * `file:line:col: error[CODE]: message`, then the source line with a caret
 * under the problem, then the hint.
 */
export function formatDiagnostic(d: Diagnostic, source: string): string {
  const where = `${d.file ?? '<input>'}:${d.range.start.line}:${d.range.start.column}`;
  const out = [`${where}: ${d.severity}[${d.code}]: ${d.message}`];
  const lines = source.split(/\r?\n/);
  const text = lines[d.range.start.line - 1];
  if (text !== undefined) {
    const gutter = String(d.range.start.line);
    const pad = ' '.repeat(gutter.length);
    const startCol = Math.max(1, d.range.start.column);
    const sameLine = d.range.end.line === d.range.start.line;
    const endCol = sameLine ? Math.max(startCol + 1, d.range.end.column) : text.length + 1;
    const width = Math.max(1, Math.min(endCol, text.length + 1) - startCol);
    out.push(`${pad} |`);
    out.push(`${gutter} | ${text.replace(/\t/g, ' ')}`);
    out.push(`${pad} | ${' '.repeat(startCol - 1)}${'^'.repeat(width)}`);
  }
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  return out.join('\n');
}

/** A hint for an unknown name: the candidate it most likely means, else the list of candidates. */
export function didYouMean(word: string, candidates: readonly string[], what: string): string {
  const guess = closest(word, candidates);
  return guess !== undefined ? `did you mean \`${guess}\`?` : `${what} are: ${candidates.join(', ')}`;
}
