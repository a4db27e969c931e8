// Row-level visibility: a partner key sees only rows of its own partner.
// List resolvers add this to their `where`; types re-check with auth scopes.
import type { GraphQLContext } from '../context.js';

const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/** The partner id a partner key is confined to, or null for internal roles. */
export function confinedPartnerId(ctx: GraphQLContext): string | null {
  if (ctx.principal?.role !== 'partner') return null;
  return ctx.principal.partnerId ?? NO_PARTNER;
}

export function partnerRowFilter(ctx: GraphQLContext): { partnerId?: string } {
  const id = confinedPartnerId(ctx);
  return id ? { partnerId: id } : {};
}

/**
 * Credit rows a partner key may read, beyond its partner id: not the rows of
 * preview runs, which are what a draft (unpublished methodology) would give,
 * not credit. As a Prisma filter (as SQL on a `credit_allocation c`:
 * NOT_PREVIEW_CREDIT_SQL, src/recompute-queue/credited.ts).
 */
export function partnerCreditFilter(ctx: GraphQLContext): { partnerId?: string; run?: { kind: { not: 'preview' } } } {
  const id = confinedPartnerId(ctx);
  return id ? { partnerId: id, run: { kind: { not: 'preview' } } } : {};
}
