// API keys: format, generation, hashing and verification. Pure functions; the
// database side lives in ./store.ts.
//
// A key looks like `attrib_<prefix>_<secret>`: the prefix (12 hex chars) is
// stored in clear and indexed so a key is found in one lookup; the secret
// (43 base64url chars = 256 random bits) is stored only as a SHA-256 hash.
// A fast hash is the right tool here: the secret is random and long, so there
// is nothing to brute-force, and verification runs on every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'attrib';
const KEY_PATTERN = /^attrib_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

interface GeneratedKey {
  /** The full key, shown to the user once and never stored. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${KEY_PREFIX}_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Splits a presented key; null when it is not of the key format. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key.trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads `Authorization: Bearer <key>`; undefined when absent, null when malformed. */
export function bearerToken(header: string | null | undefined): string | undefined | null {
  if (header == null || header.trim() === '') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return m ? m[1]! : null;
}
