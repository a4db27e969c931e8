// The workbench's line diff between two versions (web/src/workbench/diff.ts).
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../web/src/workbench/diff.js';

describe('diffLines', () => {
  it('keeps common lines and shows a changed line as removed then added, with line numbers', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2, newLine: null },
      { kind: 'added', text: 'B', oldLine: null, newLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 3 },
      { kind: 'added', text: 'd', oldLine: null, newLine: 4 },
    ]);
  });

  it('rebuilds both texts from the diff', () => {
    const a = 'x\ny\nz\ny\nx';
    const b = 'y\nx\nz\nz\nw';
    const d = diffLines(a, b);
    expect(
      d
        .filter((l) => l.kind !== 'added')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(a);
    expect(
      d
        .filter((l) => l.kind !== 'removed')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(b);
    // Minimal: 2 of the 5 lines are common (the longest common subsequence).
    expect(d.filter((l) => l.kind === 'same')).toHaveLength(2);
  });

  it('says nothing changed for equal texts', () => {
    expect(diffLines('a\nb', 'a\nb').every((l) => l.kind === 'same')).toBe(true);
  });
});
