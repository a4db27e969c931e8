// Did-you-mean for closed vocabularies (import values, file names, mapping keys, taxonomy keys).

/** The value nearest to `text` by edit distance (after normalising case and separators), if it is near enough. */
export function closest<T extends string>(text: string, values: readonly T[]): T | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s\-_/]+/g, '_');
  const target = norm(text);
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const v of values) {
    const d = norm(v) === target ? 0 : editDistance(target, norm(v));
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(target.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
