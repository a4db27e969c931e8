import { describe, expect, it } from 'vitest';
import { closest } from '../../src/domain/closest.js';

describe('closest (did-you-mean)', () => {
  it('folds case and separators before comparing', () => {
    expect(closest('Closed Won', ['open', 'closed_won', 'closed_lost'])).toBe('closed_won');
    expect(closest('deal-registration', ['deal_registration', 'referral'])).toBe('deal_registration');
  });

  it('accepts an edit distance up to a third of the longer word (at least 2)', () => {
    expect(closest('joint_discvery', ['joint_discovery', 'referral'])).toBe('joint_discovery');
    expect(closest('tierr', ['tier', 'type'])).toBe('tier');
    expect(closest('xyz', ['abc'])).toBeUndefined();
    expect(closest('banana', ['open', 'closed_won'])).toBeUndefined();
  });

  it('breaks ties by sort order, whatever the order of the candidates', () => {
    expect(closest('cat', ['cot', 'bat'])).toBe('bat');
    expect(closest('cat', ['bat', 'cot'])).toBe('bat');
  });

  it('falls back to a candidate containing the word, contained in it, or sharing five leading characters', () => {
    expect(closest('discovery', ['referral', 'joint_discovery'])).toBe('joint_discovery');
    expect(closest('Created', ['Amount', 'Created on'])).toBe('Created on');
    expect(closest('Partner Sourced', ['sourced', 'influenced', 'assisted_close'])).toBe('sourced');
    // Too short for the fallback.
    expect(closest('abc', ['xxabcxxxxxxx'])).toBeUndefined();
  });

  it('answers undefined without candidates and never suggests an empty one', () => {
    expect(closest('anything', [])).toBeUndefined();
    expect(closest('anything at all', ['', 'zzzz'])).toBeUndefined();
  });
});
