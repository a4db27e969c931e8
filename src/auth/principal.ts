// Who is calling: the authenticated API key behind a request, and what its
// role may do. The GraphQL layer turns these capabilities into auth scopes.
import type { ApiKeyRole } from '../domain/enums.js';

export interface Principal {
  keyId: string;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  /** Set for partner keys: the only partner whose data the key may see. */
  partnerId: string | null;
  partnerKey: string | null;
}

/** The actor recorded in audit events: stable, readable, never the secret. */
export function actorOf(principal: Principal): string {
  const who = `key:${principal.prefix}`;
  return principal.name ? `${who} (${principal.name})` : who;
}

/** What a role may do. */
export interface Capabilities {
  /** Read internal data: partners, accounts, opportunities, touchpoints, allocations, runs, rules. */
  readInternal: boolean;
  /** Read ingestion-side data only (partners, accounts, opportunities, touchpoints). */
  readIngested: boolean;
  /** Ingest and upsert partners, accounts, opportunities, touchpoints. */
  ingest: boolean;
  /** Author, test, preview, publish and retire rules; start runs; resolve disputes; approve overrides. */
  govern: boolean;
  /** Raise a dispute about an allocation. */
  raiseDispute: boolean;
  /** Read the audit trail. */
  readAudit: boolean;
  admin: boolean;
}

const NONE: Capabilities = {
  readInternal: false,
  readIngested: false,
  ingest: false,
  govern: false,
  raiseDispute: false,
  readAudit: false,
  admin: false,
};

export function capabilitiesOf(role: ApiKeyRole | null): Capabilities {
  switch (role) {
    case 'admin':
      return { readInternal: true, readIngested: true, ingest: true, govern: true, raiseDispute: true, readAudit: true, admin: true };
    case 'governance':
      return { ...NONE, readInternal: true, readIngested: true, govern: true, raiseDispute: true, readAudit: true };
    case 'analyst':
      return { ...NONE, readInternal: true, readIngested: true, readAudit: true };
    case 'integrator':
      return { ...NONE, readIngested: true, ingest: true };
    case 'partner':
      return { ...NONE, raiseDispute: true };
    default:
      return NONE;
  }
}
