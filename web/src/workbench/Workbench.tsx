// The rules workbench (governance and admin keys). Placeholder: the editor,
// diagnostics, tests, preview and publishing are built here.
import type { ViewProps } from '../types.js';

export function Workbench(_props: ViewProps) {
  return (
    <section aria-labelledby="workbench-title">
      <h1 id="workbench-title">Rules workbench</h1>
      <p className="muted">The rules workbench opens here.</p>
    </section>
  );
}
