// Sign-in: the API key is kept in sessionStorage (gone when the tab closes),
// checked against the server with the `viewer` query, which also says the
// key's role and, for a partner key, its partner. The role decides the views.
import { graphql } from './gql/index.js';
import type { ApiKeyRole } from './gql/graphql.js';
import { createClient } from './client.js';

const STORAGE_KEY = 'attrib.apiKey';

export const ViewerQuery = graphql(`
  query WebViewer {
    viewer { name role keyPrefix canGovern canIngest canReadAudit partner { key name } }
  }
`);

export interface Session {
  apiKey: string;
  name: string;
  role: ApiKeyRole;
  keyPrefix: string;
  canGovern: boolean;
  /** Partner keys only: the one partner whose data the key may read. */
  partner: { key: string; name: string } | null;
}

export type ViewName = 'dashboard' | 'spotlight' | 'hygiene' | 'portal' | 'workbench';

/** The views a role may open, in navigation order (a partner key: the portal only). */
export function viewsFor(role: ApiKeyRole): ViewName[] {
  switch (role) {
    case 'admin':
    case 'governance':
      return ['dashboard', 'spotlight', 'hygiene', 'workbench'];
    case 'analyst':
      return ['dashboard', 'spotlight', 'hygiene'];
    case 'partner':
      return ['portal'];
    default:
      return [];
  }
}

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetKey(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: nothing kept */
  }
}

/** Checks a key with the server; keeps it for the tab when valid. Throws the server's message otherwise. */
export async function signIn(apiKey: string): Promise<Session> {
  const key = apiKey.trim();
  if (!key) throw new Error('Paste an API key.');
  const { viewer } = await createClient(key).request(ViewerQuery);
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    /* storage unavailable: signed in for this page only */
  }
  return {
    apiKey: key,
    name: viewer.name,
    role: viewer.role,
    keyPrefix: viewer.keyPrefix,
    canGovern: viewer.canGovern,
    partner: viewer.partner ? { key: viewer.partner.key, name: viewer.partner.name } : null,
  };
}
