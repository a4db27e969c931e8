// Prints plain closing lines after vitest's own summary:
//   "tests: N passed, N failed, N skipped"
//   "security: N attacks tried, N held"   (tests under test/security/)
// followed by the names of the attacks that did not hold, if any.
// CI tooling that does not know vitest's format reads these lines.
import type { Reporter, TestModule } from 'vitest/node';

export interface TestOutcome {
  /** Path of the test file relative to the project root, with forward slashes. */
  file: string;
  /** The test's full name (describe blocks and title). */
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  attacks: { tried: number; held: number; notHeld: string[] };
}

const SECURITY_DIR = 'test/security/';

/**
 * Counts outcomes. Every test in a file under test/security/ is an attack:
 * it held when it passed; a failed test, or a security file that failed to
 * load (passed here as a failed outcome named after the file), did not.
 * Skipped tests were not tried.
 */
export function summarize(outcomes: ReadonlyArray<TestOutcome>, unhandledErrors = 0): Summary {
  const summary: Summary = { passed: 0, failed: unhandledErrors, skipped: 0, attacks: { tried: 0, held: 0, notHeld: [] } };
  for (const o of outcomes) {
    if (o.state === 'passed') summary.passed++;
    else if (o.state === 'failed') summary.failed++;
    else summary.skipped++;
    if (!o.file.replace(/\\/g, '/').startsWith(SECURITY_DIR) || (o.state !== 'passed' && o.state !== 'failed')) continue;
    summary.attacks.tried++;
    if (o.state === 'passed') summary.attacks.held++;
    else summary.attacks.notHeld.push(`${o.file} > ${o.name}`);
  }
  return summary;
}

export function formatSummary(summary: Summary): string {
  const lines = [`tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`];
  if (summary.attacks.tried > 0) {
    lines.push(`security: ${summary.attacks.tried} attacks tried, ${summary.attacks.held} held`);
    for (const name of summary.attacks.notHeld) lines.push(`  not held: ${name}`);
  }
  return `\n${lines.join('\n')}\n`;
}

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const outcomes: TestOutcome[] = [];
    for (const mod of testModules) {
      const file = mod.relativeModuleId.replace(/\\/g, '/');
      for (const test of mod.children.allTests()) outcomes.push({ file, name: test.fullName, state: test.result().state });
      // A file that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && !mod.children.size) outcomes.push({ file, name: '(the file failed to load)', state: 'failed' });
    }
    process.stdout.write(formatSummary(summarize(outcomes, unhandledErrors.length)));
  }
}
