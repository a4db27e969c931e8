// `attrib keys create|list|revoke`: API keys for the GraphQL API.
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { parseArgs } from '../args.js';
import { loadCliConfig } from '../config.js';
import { openDatabaseFromConfig, type Database } from '../../db/client.js';
import { ApiKeyError, createApiKey, isApiKeyRole, listApiKeys, revokeApiKey } from '../../auth/store.js';
import { API_KEY_ROLES } from '../../domain/enums.js';
import { userInfo } from 'node:os';

const USAGE = `attrib keys create --role ROLE [--partner PARTNER_KEY] [--name NAME]
       attrib keys list [--json]
       attrib keys revoke PREFIX_OR_ID

Roles: ${API_KEY_ROLES.join(', ')} (partner keys need --partner).
Uses DATABASE_URL, else the embedded database in ATTRIB_DATA_DIR (default ./data).`;

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabaseFromConfig(loadCliConfig(), { migrate: true });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const actor = () => `cli:${process.env.USER ?? safeUser()}`;
function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const command: Command = {
  name: 'keys',
  summary: 'Create, list and revoke API keys for the GraphQL API',
  usage: USAGE,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { string: ['role', 'partner', 'name'], boolean: ['json'] });
    const [sub, ...rest] = positionals;
    try {
      switch (sub) {
        case 'create': {
          if (typeof flags.role !== 'string') throw new CliError(`keys create needs --role (one of: ${API_KEY_ROLES.join(', ')})`);
          // Fail fast on input errors, before opening the database.
          if (!isApiKeyRole(flags.role)) throw new CliError(`unknown role "${flags.role}"; use one of: ${API_KEY_ROLES.join(', ')}`);
          if (flags.role === 'partner' && typeof flags.partner !== 'string')
            throw new CliError('a partner key must name its partner: add --partner <PARTNER_KEY>');
          const { key, summary } = await withDatabase((db) =>
            createApiKey(db.prisma, {
              role: flags.role as string,
              partnerKey: flags.partner as string | undefined,
              name: flags.name as string | undefined,
              actor: actor(),
            }),
          );
          console.error(
            `created ${summary.role} key "${summary.name}" (prefix ${summary.prefix}${summary.partnerKey ? `, partner ${summary.partnerKey}` : ''}).`,
          );
          console.error('Store it now: it is shown only once. Send it as `Authorization: Bearer <key>`.');
          console.log(key);
          return 0;
        }
        case 'list': {
          const keys = await withDatabase((db) => listApiKeys(db.prisma));
          if (flags.json) {
            console.log(JSON.stringify(keys, null, 2));
            return 0;
          }
          if (keys.length === 0) {
            console.log('no API keys; create one with `attrib keys create --role analyst`');
            return 0;
          }
          const rows = keys.map((k) => [
            k.prefix,
            k.role,
            k.partnerKey ?? '',
            k.name,
            k.createdAt.toISOString().slice(0, 16),
            k.lastUsedAt?.toISOString().slice(0, 16) ?? 'never',
            k.revokedAt ? 'revoked' : 'active',
          ]);
          const header = ['PREFIX', 'ROLE', 'PARTNER', 'NAME', 'CREATED', 'LAST USED', 'STATUS'];
          const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
          for (const r of [header, ...rows])
            console.log(
              r
                .map((c, i) => c.padEnd(widths[i]!))
                .join('  ')
                .trimEnd(),
            );
          return 0;
        }
        case 'revoke': {
          const target = rest[0];
          if (!target) throw new CliError('keys revoke needs the key prefix (see `attrib keys list`) or id');
          const summary = await withDatabase((db) => revokeApiKey(db.prisma, target, actor()));
          console.log(`revoked key ${summary.prefix} (${summary.role}, "${summary.name}"); requests with it now get 401.`);
          return 0;
        }
        default:
          throw new CliError(`unknown keys sub-command "${sub ?? ''}"; use create, list or revoke.\n\nUsage: ${USAGE}`);
      }
    } catch (err) {
      if (err instanceof ApiKeyError) throw new CliError(err.message);
      throw err;
    }
  },
};

export default command;
