// Pure validation of governance input: lanes, roles, shares, free text.
import type { Lane } from '../domain/enums.js';
import { LANES } from '../domain/enums.js';
import { formatShare, parseShare, SHARE_ONE } from '../domain/decimal.js';
import { GovernanceError } from './errors.js';

export interface CreditRequest {
  lane: Lane;
  role: string;
  /** Fraction of the opportunity amount, normalised to 6 places: "0.400000". */
  share: string;
}

const SHARE = /^(\d+)(?:\.(\d+))?$/;
const ROLE = /^[a-z][a-z0-9_]{0,63}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A share between 0 and 1 with at most 6 decimals, normalised to 6 places. */
export function normalizeShare(share: unknown): string {
  const text = typeof share === 'number' ? String(share) : typeof share === 'string' ? share.trim() : '';
  const m = SHARE.exec(text);
  const frac = (m?.[2] ?? '').replace(/0+$/, '');
  if (!m || frac.length > 6) {
    throw new GovernanceError(
      'INVALID_SHARE',
      `share "${String(share)}" is not a decimal between 0 and 1 with at most 6 places, e.g. "0.5" or "0.333333".`,
    );
  }
  const scaled = parseShare(text);
  if (scaled > SHARE_ONE) {
    throw new GovernanceError('INVALID_SHARE', `share ${text} is more than 1 (100%); a share is a fraction of the opportunity amount.`);
  }
  return formatShare(scaled);
}

function validateLane(lane: unknown): Lane {
  if (typeof lane !== 'string' || !(LANES as readonly string[]).includes(lane)) {
    throw new GovernanceError('INVALID_LANE', `lane "${String(lane)}" is not one of ${LANES.join(', ')}.`);
  }
  return lane as Lane;
}

function validateRole(role: unknown): string {
  if (typeof role !== 'string' || !ROLE.test(role)) {
    throw new GovernanceError(
      'INVALID_ROLE',
      `role "${String(role)}" must be a lower-case identifier such as sourced, influenced, assisted_close.`,
    );
  }
  return role;
}

export function validateCreditRequest(req: { lane: unknown; role: unknown; share: unknown }): CreditRequest {
  return { lane: validateLane(req.lane), role: validateRole(req.role), share: normalizeShare(req.share) };
}

/** Trimmed, non-empty text of at most `max` characters. */
export function requireText(name: string, value: unknown, max = 4000): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new GovernanceError('INVALID_INPUT', `${name} is required and cannot be blank.`);
  if (text.length > max)
    throw new GovernanceError('INVALID_INPUT', `${name} is longer than ${max} characters; shorten it or link to a document.`);
  return text;
}

export function optionalText(name: string, value: unknown, max = 4000): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return requireText(name, value, max);
}
