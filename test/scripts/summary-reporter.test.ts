// The closing summary lines of the test run: all tests, and the attacks of
// the security suite (tests under test/security/) with those that did not hold.
import { describe, expect, it } from 'vitest';
import { formatSummary, summarize, type TestOutcome } from '../../scripts/vitest-summary-reporter.js';

const outcome = (file: string, name: string, state: TestOutcome['state']): TestOutcome => ({ file, name, state });

describe('summary reporter', () => {
  it('counts every test, and the tests under test/security/ as attacks (held = passed)', () => {
    const summary = summarize(
      [
        outcome('test/server/auth.test.ts', 'auth > viewer', 'passed'),
        outcome('test/security/http-abuse.test.ts', 'abuse > alias bomb', 'passed'),
        outcome('test/security/http-abuse.test.ts', 'abuse > depth bomb', 'failed'),
        outcome('test/security/http-abuse.test.ts', 'abuse > only on postgres', 'skipped'),
        outcome('test/security/process-replay-kill.test.ts', '(the file failed to load)', 'failed'),
        outcome('test/fault/security-like.test.ts', 'not an attack', 'failed'),
      ],
      1,
    );
    expect(summary).toEqual({
      passed: 2,
      failed: 4,
      skipped: 1,
      attacks: {
        tried: 3,
        held: 1,
        notHeld: [
          'test/security/http-abuse.test.ts > abuse > depth bomb',
          'test/security/process-replay-kill.test.ts > (the file failed to load)',
        ],
      },
    });
    expect(formatSummary(summary)).toBe(
      [
        '',
        'tests: 2 passed, 4 failed, 1 skipped',
        'security: 3 attacks tried, 1 held',
        '  not held: test/security/http-abuse.test.ts > abuse > depth bomb',
        '  not held: test/security/process-replay-kill.test.ts > (the file failed to load)',
        '',
      ].join('\n'),
    );
  });

  it('prints only the tests line when no security test ran', () => {
    expect(formatSummary(summarize([outcome('test/dsl/parse.test.ts', 'parses', 'passed')]))).toBe(
      '\ntests: 1 passed, 0 failed, 0 skipped\n',
    );
  });

  it('accepts Windows path separators', () => {
    expect(summarize([outcome('test\\security\\x.test.ts', 'x', 'passed')]).attacks).toEqual({ tried: 1, held: 1, notHeld: [] });
  });
});
