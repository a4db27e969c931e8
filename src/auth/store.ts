// API keys in the database: create (returns the key once), list, revoke and
// authenticate a presented key. Creation and revocation are audited.
import type { PrismaClient } from '../generated/prisma/client.js';
import { recordAudit } from '../audit/record.js';
import { API_KEY_ROLES, type ApiKeyRole } from '../domain/enums.js';
import { generateApiKey, parseApiKey, secretMatches } from './keys.js';
import type { Principal } from './principal.js';

export class ApiKeyError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID_ROLE' | 'PARTNER_REQUIRED' | 'PARTNER_NOT_ALLOWED' | 'PARTNER_NOT_FOUND' | 'KEY_NOT_FOUND' | 'INVALID_NAME',
  ) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

interface CreateApiKeyInput {
  role: string;
  /** Partner key (Partner.key), required for and only allowed with the partner role. */
  partnerKey?: string | null;
  name?: string | null;
  actor: string;
}

interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  partnerKey: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function isApiKeyRole(role: string): role is ApiKeyRole {
  return (API_KEY_ROLES as readonly string[]).includes(role);
}

export async function createApiKey(prisma: PrismaClient, input: CreateApiKeyInput): Promise<{ key: string; summary: ApiKeySummary }> {
  const { role } = input;
  if (!isApiKeyRole(role)) {
    throw new ApiKeyError(`unknown role "${role}"; use one of: ${API_KEY_ROLES.join(', ')}`, 'INVALID_ROLE');
  }
  if (role === 'partner' && !input.partnerKey) {
    throw new ApiKeyError('a partner key must name its partner: add --partner <PARTNER_KEY>', 'PARTNER_REQUIRED');
  }
  if (role !== 'partner' && input.partnerKey) {
    throw new ApiKeyError(`--partner only applies to the partner role (got role "${role}")`, 'PARTNER_NOT_ALLOWED');
  }
  const name = (input.name ?? `${role} key`).trim();
  if (name.length === 0 || name.length > 200) throw new ApiKeyError('the key name must be 1–200 characters', 'INVALID_NAME');

  return prisma.$transaction(async (tx) => {
    let partnerId: string | null = null;
    if (input.partnerKey) {
      const partner = await tx.partner.findUnique({ where: { key: input.partnerKey }, select: { id: true } });
      if (!partner) {
        throw new ApiKeyError(
          `no partner with key "${input.partnerKey}"; list partners with the partners query or import them first`,
          'PARTNER_NOT_FOUND',
        );
      }
      partnerId = partner.id;
    }
    const generated = generateApiKey();
    const row = await tx.apiKey.create({
      data: { name, prefix: generated.prefix, secretHash: generated.secretHash, role, partnerId },
    });
    const summary: ApiKeySummary = {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      role: row.role,
      partnerKey: input.partnerKey ?? null,
      createdAt: row.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await recordAudit(tx, { actor: input.actor, action: 'apiKey.create', entityType: 'ApiKey', entityId: row.id, after: summary });
    return { key: generated.key, summary };
  });
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeySummary[]> {
  const rows = await prisma.apiKey.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { partner: { select: { key: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    partnerKey: r.partner?.key ?? null,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes by prefix (as printed by `keys list`) or id. Revoking twice is a no-op. */
export async function revokeApiKey(prisma: PrismaClient, prefixOrId: string, actor: string): Promise<ApiKeySummary> {
  const where = /^[0-9a-f]{12}$/.test(prefixOrId)
    ? { prefix: prefixOrId }
    : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(prefixOrId)
      ? { id: prefixOrId }
      : null;
  return prisma.$transaction(async (tx) => {
    const existing = where ? await tx.apiKey.findUnique({ where, include: { partner: { select: { key: true } } } }) : null;
    if (!existing) throw new ApiKeyError(`no API key with prefix or id "${prefixOrId}"; run \`attrib keys list\``, 'KEY_NOT_FOUND');
    const revokedAt = existing.revokedAt ?? new Date();
    if (!existing.revokedAt) {
      await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt } });
      await recordAudit(tx, {
        actor,
        action: 'apiKey.revoke',
        entityType: 'ApiKey',
        entityId: existing.id,
        before: { revokedAt: null },
        after: { revokedAt },
      });
    }
    return {
      id: existing.id,
      name: existing.name,
      prefix: existing.prefix,
      role: existing.role,
      partnerKey: existing.partner?.key ?? null,
      createdAt: existing.createdAt,
      lastUsedAt: existing.lastUsedAt,
      revokedAt,
    };
  });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The principal behind a presented key, or null when unknown, revoked or malformed. */
export async function authenticateApiKey(prisma: PrismaClient, presented: string): Promise<Principal | null> {
  const parsed = parseApiKey(presented);
  if (!parsed) return null;
  const row = await prisma.apiKey.findUnique({ where: { prefix: parsed.prefix }, include: { partner: { select: { key: true } } } });
  if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Best effort bookkeeping, at most once a minute per key; never fails a request.
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }
  return {
    keyId: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    partnerId: row.partnerId,
    partnerKey: row.partner?.key ?? null,
  };
}
