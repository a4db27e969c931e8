// Diagnostics: what every stage reports, and how it is shown to people.
import type { Position, SourceRange } from './ast.js';

export type Severity = 'error' | 'warning' | 'info';

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

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate, when it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const score = editDistance(lower, c.toLowerCase());
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  if (bestScore <= limit) return best;
  // Prefix or contained words ("discovery" -> "joint_discovery").
  const prefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const contained = candidates.filter((c) => c.includes(lower) || lower.includes(c) || prefix(lower, c.toLowerCase()) >= 5).sort();
  return lower.length >= 4 ? contained[0] : undefined;
}

export function didYouMean(word: string, candidates: readonly string[], what: string): string {
  const guess = closest(word, candidates);
  return guess !== undefined ? `did you mean \`${guess}\`?` : `${what} are: ${candidates.join(', ')}`;
}
