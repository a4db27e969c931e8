// Did-you-mean for closed vocabularies: import values, file names, headers, mapping keys, taxonomy keys and the
// rules language's names. One rule everywhere:
// - text and candidates compare case-insensitively, with runs of spaces, `-`, `_` and `/` read as one `_`
//   ("Closed Won" = "closed_won");
// - the nearest candidate by edit distance (Levenshtein) wins when the distance is at most a third of the longer of
//   the two (at least 2); ties go to the candidate that sorts first;
// - otherwise, for a text of four characters or more, the first (sorted) candidate that contains it, is contained
//   in it, or shares its first five characters ("discovery" → "joint_discovery", "Created" → "Created on").

const normalise = (s: string): string => s.toLowerCase().replace(/[\s\-_/]+/g, '_');

/** The candidate most likely meant by `text`, or undefined when none is near enough to be a plausible typo. */
export function closest<T extends string>(text: string, candidates: readonly T[]): T | undefined {
  const target = normalise(text);
  let best: T | undefined;
  let bestNorm = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const n = normalise(c);
    const d = editDistance(target, n);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestNorm = n;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  if (bestDistance <= Math.max(2, Math.floor(Math.max(target.length, bestNorm.length) / 3))) return best;
  if (target.length < 4) return undefined;
  const related = candidates.filter((c) => {
    const n = normalise(c);
    return n !== '' && (n.includes(target) || target.includes(n) || commonPrefix(target, n) >= 5);
  });
  return related.sort()[0];
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each count 1. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
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
