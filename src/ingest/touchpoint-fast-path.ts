// A fast path for validating a touchpoint that is plainly valid: the same
// rules as touchpointInputSchema (zod), checked by hand for the common shape,
// so a 1,000-item batch does not spend most of its time in the schema
// library. It never rejects: anything it is not sure about (a wrong type, an
// empty string, an unusual date format, an extra check failing) returns
// undefined and the item goes through the zod schema, which produces the
// rejection with its field path and message. Whatever it accepts, zod would
// accept with the same output (test/ingest/fast-path.test.ts checks that on
// generated and mutated inputs).
import { isDeclaredRole, type DeclaredRole } from '../domain/declared-role.js';
import type { TouchpointRecord } from '../domain/records.js';
import { TAXONOMY_KEY } from '../domain/taxonomy.js';

/** A touchpoint as the API sends it: its fields, and its references by key. */
interface FastTouchpoint extends TouchpointRecord {
  partnerKey: string;
  opportunityKey: string | null;
  accountKey: string | null;
  declaredRole: DeclaredRole | null;
  metadata: Record<string, unknown>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.(\d{1,3}))?Z$/;
const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/** Not sure: let the schema decide. */
class Unsure extends Error {}
const UNSURE = new Unsure();

function key(v: unknown): string {
  if (typeof v !== 'string') throw UNSURE;
  const s = v.trim();
  if (s.length < 1 || s.length > 200 || !KEY.test(s)) throw UNSURE;
  return s;
}

function optionalKey(v: unknown): string | null {
  return v === null || v === undefined ? null : key(v);
}

function text(v: unknown, max: number): string {
  if (typeof v !== 'string') throw UNSURE;
  const s = v.trim();
  if (s.length < 1 || s.length > max) throw UNSURE;
  return s;
}

function optionalText(v: unknown, max: number): string | null {
  return v === null || v === undefined ? null : text(v, max);
}

/** A taxonomy key as written (the vocabulary check comes after validation, for every item alike). */
function taxonomyKey(v: unknown): string {
  if (typeof v !== 'string' || !TAXONOMY_KEY.test(v)) throw UNSURE;
  return v;
}

function instant(v: unknown): Date {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw UNSURE;
    return v;
  }
  if (typeof v !== 'string') throw UNSURE;
  const m = UTC_INSTANT.exec(v);
  if (!m) throw UNSURE;
  const d = new Date(v);
  // A calendar-valid instant prints back as itself (rejects Feb 30, hour 24 …).
  const canonical = `${v.slice(0, 19)}.${(m[1] ?? '').padEnd(3, '0')}Z`;
  if (Number.isNaN(d.getTime()) || d.toISOString() !== canonical) throw UNSURE;
  return d;
}

function plainObject(v: unknown): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw UNSURE;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw UNSURE;
  return { ...(v as Record<string, unknown>) };
}

function declaredRole(v: unknown): DeclaredRole | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string' || !isDeclaredRole(v)) throw UNSURE;
  return v;
}

/** The validated touchpoint, or undefined when the schema must decide. */
export function fastValidTouchpoint(raw: unknown, now: number): FastTouchpoint | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  try {
    const depth = r.engagementDepth;
    if (depth !== null && depth !== undefined && !(typeof depth === 'number' && Number.isInteger(depth) && depth >= 1 && depth <= 5))
      return undefined;
    const out: FastTouchpoint = {
      source: key(r.source),
      externalId: text(r.externalId, 200),
      partnerKey: key(r.partnerKey),
      opportunityKey: optionalKey(r.opportunityKey),
      accountKey: optionalKey(r.accountKey),
      action: taxonomyKey(r.action),
      channel: taxonomyKey(r.channel),
      occurredAt: instant(r.occurredAt),
      proof: optionalText(r.proof, 2000),
      owner: optionalText(r.owner, 200),
      nextJointStep: optionalText(r.nextJointStep, 2000),
      engagementDepth: (depth as number | null | undefined) ?? null,
      stageAtTouch: r.stageAtTouch === null || r.stageAtTouch === undefined ? null : taxonomyKey(r.stageAtTouch),
      declaredRole: declaredRole(r.declaredRole),
      metadata: plainObject(r.metadata),
    };
    if (!out.opportunityKey && !out.accountKey) return undefined;
    if (out.occurredAt.getTime() > now + FUTURE_SLACK_MS) return undefined;
    return out;
  } catch (err) {
    if (err === UNSURE) return undefined;
    throw err;
  }
}
