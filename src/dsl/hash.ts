// Version identity: the source hash changes with any byte; the semantic hash
// only when the meaning changes (not for layout, comments, redundant
// parentheses or number spelling such as 100% vs 100.0%).
import { createHash } from 'node:crypto';
import type * as A from './ast.js';
import { parseRatio } from '../domain/rational.js';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function canonicalNumber(text: string): string {
  try {
    const r = parseRatio(text);
    return `${r.num}/${r.den}`;
  } catch {
    return text;
  }
}

/** A position-free, comment-free, canonical JSON value of an AST node. */
function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  // Flatten nested and/or: (a and b) and c == a and b and c.
  if ((obj.kind === 'and' || obj.kind === 'or') && Array.isArray(obj.operands)) {
    const flat: unknown[] = [];
    for (const o of obj.operands as Array<Record<string, unknown>>) {
      if (o.kind === obj.kind) flat.push(...((canonical(o) as Record<string, unknown>).operands as unknown[]));
      else flat.push(canonical(o));
    }
    return { kind: obj.kind, operands: flat };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    if (key === 'range' || key === 'bodyEnd' || key === 'clauses') continue;
    const v = obj[key];
    if (v === undefined) continue;
    out[key] = obj.kind === 'number' && key === 'text' && typeof v === 'string' ? canonicalNumber(v) : canonical(v);
  }
  return out;
}

export function semanticHash(ast: A.RuleFile): string {
  return sha256(JSON.stringify(canonical(ast)));
}
