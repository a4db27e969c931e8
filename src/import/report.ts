// Human-readable import summary for the terminal.
import type { ImportSummary } from './import-directory.js';
import { formatIssue } from './issues.js';

export function formatImportSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  for (const w of summary.warnings) lines.push(`warning: ${w}`);
  for (const f of summary.files) {
    for (const issue of f.issues) lines.push(formatIssue(issue));
    if (f.issuesOmitted > 0) lines.push(`${f.file}: … and ${f.issuesOmitted} more problem${f.issuesOmitted === 1 ? '' : 's'} not shown`);
  }
  if (lines.length > 0) lines.push('');
  const head = ['file', 'status', 'rows', 'created', 'updated', 'unchanged', 'rejected'];
  const rows = summary.files.map((f) => [
    f.file,
    f.status === 'absent' ? 'not present' : summary.dryRun && f.status === 'imported' ? 'ok (dry run)' : f.status,
    String(f.rows),
    String(f.created),
    String(f.updated),
    String(f.unchanged),
    String(f.rejected),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(fmt(head), ...rows.map(fmt));
  lines.push('');
  const rejected = summary.files.filter((f) => f.status === 'rejected');
  if (summary.dryRun) {
    lines.push(
      rejected.length === 0
        ? 'Dry run: the files are valid; nothing was written. Run again without --dry-run to import them.'
        : 'Dry run: nothing was written.',
    );
  }
  if (rejected.length > 0) {
    lines.push(
      `${rejected.map((f) => f.file).join(', ')} ${rejected.length === 1 ? 'was' : 'were'} rejected: nothing of ${rejected.length === 1 ? 'that file' : 'those files'} was written. ` +
        'Fix the rows listed above (file:line:column) and run the import again; files that were imported are unaffected and re-importing them changes nothing.',
    );
  } else if (!summary.dryRun) {
    lines.push(`Imported in ${(summary.elapsedMs / 1000).toFixed(1)} s.`);
  }
  return lines.join('\n');
}
