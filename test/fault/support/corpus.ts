// The rule files the fuzzer mutates: every .attr file in the repository's
// dsl/ folder (the stdlib models and two_lane.attr).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../bench/lib/optional.js';

export function ruleFileCorpus(dir = path.join(repoRoot, 'dsl')): Array<{ file: string; source: string }> {
  const out: Array<{ file: string; source: string }> = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.attr')) out.push({ file: path.relative(repoRoot, p), source: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}
