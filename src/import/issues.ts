// What an import reports about a bad row: where (file:line:column), what is
// wrong, and what to do about it.

export interface ImportIssue {
  file: string;
  line: number;
  column: number;
  /** The header column the problem is in, when it is about one field. */
  field?: string;
  message: string;
  /** What to do next. */
  hint?: string;
}

export function formatIssue(issue: ImportIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
}
