// `attrib disputes`: raise, list and resolve credit disputes, revoke
// overrides and read the audit trail from the terminal.
import type { Database } from '../../db/client.js';
import { listAuditEvents } from '../../governance/audit.js';
import { listDisputes, raiseDispute, resolveDispute, type DisputeStatus, type DisputeView } from '../../governance/disputes.js';
import { GovernanceError } from '../../governance/errors.js';
import { revokeOverride } from '../../governance/overrides.js';
import { renderTable } from '../../reports/table.js';
import { textColumns } from '../table.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

const USAGE = [
  'attrib disputes list [--status open|approved|rejected] [--opportunity KEY] [--partner KEY] [--first N] [--format table|json]',
  'attrib disputes raise (--opportunity KEY | --allocation ID) [--partner KEY] --by WHO --reason TEXT [--evidence TEXT]',
  '                      [--lane source|influence --role ROLE --share 0..1]',
  'attrib disputes resolve DISPUTE_ID --by WHO (--approve | --reject) --resolution TEXT',
  '                      [--lane L --role R --share S [--partner KEY | --lane-wide]] [--ruleset KEY]',
  'attrib disputes revoke OVERRIDE_ID --by WHO --reason TEXT',
  'attrib disputes audit [--entity-type T] [--entity-id ID] [--actor WHO] [--action VERB] [--first N] [--format table|json]',
  '',
  'An approval creates an override (default: what the dispute requested) that every run applies until revoked;',
  'the opportunity is recomputed at once. Every change is written to the audit trail. All commands take --database-url URL.',
].join('\n');

function str(flags: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

function need(flags: Record<string, string | boolean | undefined>, name: string, what: string): string {
  const v = str(flags, name);
  if (!v) throw new CliError(`--${name} is required: ${what}`);
  return v;
}

function first(flags: Record<string, string | boolean | undefined>): number | undefined {
  const v = str(flags, 'first');
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--first must be a whole number, got "${v}"`);
  return Number(v);
}

function creditRequest(flags: Record<string, string | boolean | undefined>) {
  const lane = str(flags, 'lane');
  const role = str(flags, 'role');
  const share = str(flags, 'share');
  if (!lane && !role && !share) return undefined;
  if (!lane || !role || !share)
    throw new CliError('give --lane, --role and --share together (e.g. --lane source --role sourced --share 1)');
  return { lane, role, share };
}

function disputeTable(disputes: DisputeView[]): string {
  return renderTable(
    textColumns('id', 'status', 'opportunity', 'partner', 'raised by', 'raised', 'requested', 'reason'),
    disputes.map((d) => [
      d.id,
      d.status,
      d.opportunityKey,
      d.partnerKey,
      d.raisedBy,
      d.createdAt.toISOString().slice(0, 10),
      d.requested ? `${d.requested.lane}/${d.requested.role} ${d.requested.share}` : null,
      d.reason,
    ]),
  );
}

async function runSubcommand(db: Database, sub: string, rest: string[]): Promise<number> {
  switch (sub) {
    case 'list': {
      const { flags, positionals } = parseArgs(rest, { string: ['status', 'opportunity', 'partner', 'first', 'format', 'database-url'] });
      if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
      const status = str(flags, 'status');
      if (status && !['open', 'approved', 'rejected'].includes(status))
        throw new CliError(`--status must be open, approved or rejected, got "${status}"`);
      const page = await listDisputes(db, {
        status: status as DisputeStatus | undefined,
        opportunityKey: str(flags, 'opportunity'),
        partnerKey: str(flags, 'partner'),
        first: first(flags),
      });
      if (flags.format === 'json') console.log(JSON.stringify(page, null, 2));
      else console.log(page.disputes.length ? disputeTable(page.disputes) : 'No disputes match.');
      return 0;
    }
    case 'raise': {
      const { flags, positionals } = parseArgs(rest, {
        string: ['opportunity', 'allocation', 'partner', 'by', 'reason', 'evidence', 'lane', 'role', 'share', 'database-url'],
      });
      if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
      const dispute = await raiseDispute(db, {
        opportunityKey: str(flags, 'opportunity'),
        allocationId: str(flags, 'allocation'),
        partnerKey: str(flags, 'partner'),
        raisedBy: need(flags, 'by', 'who raises the dispute (e.g. --by pm@partner.com)'),
        reason: need(flags, 'reason', 'why the credit is wrong'),
        evidence: str(flags, 'evidence'),
        requested: creditRequest(flags),
      });
      console.log(
        `Raised dispute ${dispute.id} on ${dispute.opportunityKey}${dispute.partnerKey ? ` for ${dispute.partnerKey}` : ''}. ` +
          `Governance resolves it with: attrib disputes resolve ${dispute.id} --by WHO --approve|--reject --resolution TEXT`,
      );
      return 0;
    }
    case 'resolve': {
      const { flags, positionals } = parseArgs(rest, {
        boolean: ['approve', 'reject', 'lane-wide'],
        string: ['by', 'resolution', 'lane', 'role', 'share', 'partner', 'ruleset', 'database-url'],
      });
      const [disputeId, extra] = positionals;
      if (!disputeId || extra) throw new CliError('give exactly one dispute id: attrib disputes resolve DISPUTE_ID …');
      if (Boolean(flags.approve) === Boolean(flags.reject)) throw new CliError('give exactly one of --approve or --reject');
      const credit = creditRequest(flags);
      if ((flags['lane-wide'] || str(flags, 'partner')) && !credit)
        throw new CliError('--partner and --lane-wide go with --lane, --role and --share');
      const result = await resolveDispute(db, {
        disputeId,
        resolver: need(flags, 'by', 'who decides (e.g. --by finance@corp.com)'),
        decision: flags.approve ? 'approved' : 'rejected',
        resolution: need(flags, 'resolution', 'the decision note recorded with the dispute'),
        override: credit ? { ...credit, partnerKey: flags['lane-wide'] ? null : str(flags, 'partner') } : undefined,
        ruleSetKey: str(flags, 'ruleset'),
      });
      console.log(`Dispute ${result.dispute.id} ${result.dispute.status}.`);
      if (result.override) {
        const o = result.override;
        console.log(
          `Override ${o.id}: ${o.partnerKey ?? 'whole lane'} ${o.role} ${o.share} of the ${o.lane} lane${o.ruleSetKey ? ` (rule set ${o.ruleSetKey})` : ''}.`,
        );
        for (const s of result.superseded) console.log(`Superseded override ${s.id}.`);
      }
      if (result.recompute && result.recompute.status !== 'done') console.error(`Note: ${result.recompute.error}`);
      return 0;
    }
    case 'revoke': {
      const { flags, positionals } = parseArgs(rest, { string: ['by', 'reason', 'database-url'] });
      const [overrideId, extra] = positionals;
      if (!overrideId || extra) throw new CliError('give exactly one override id: attrib disputes revoke OVERRIDE_ID …');
      const result = await revokeOverride(db, {
        overrideId,
        actor: need(flags, 'by', 'who revokes the override'),
        reason: need(flags, 'reason', 'why it no longer applies'),
      });
      console.log(`Override ${result.override.id} revoked; rule results apply again.`);
      if (result.recompute && result.recompute.status !== 'done') console.error(`Note: ${result.recompute.error}`);
      return 0;
    }
    case 'audit': {
      const { flags, positionals } = parseArgs(rest, {
        string: ['entity-type', 'entity-id', 'actor', 'action', 'first', 'format', 'database-url'],
      });
      if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
      const page = await listAuditEvents(db, {
        entityType: str(flags, 'entity-type'),
        entityId: str(flags, 'entity-id'),
        actor: str(flags, 'actor'),
        action: str(flags, 'action'),
        first: first(flags),
      });
      if (flags.format === 'json') console.log(JSON.stringify(page, null, 2));
      else {
        console.log(
          page.events.length
            ? renderTable(
                textColumns('at', 'actor', 'action', 'entity'),
                page.events.map((e) => [
                  e.at.toISOString(),
                  e.actor,
                  e.action,
                  e.entityIds.length > 1
                    ? `${e.entityType} ×${e.entityIds.length} (${e.entityIds[0]} …)`
                    : `${e.entityType} ${e.entityIds[0] ?? ''}`,
                ]),
              )
            : 'No audit events match.',
        );
        if (page.hasNextPage) console.log('More events exist: narrow the filters or raise --first (max 500).');
      }
      return 0;
    }
    default:
      throw new CliError(`unknown sub-command "${sub}". Usage:\n${USAGE}`);
  }
}

/** Runs one sub-command; governance errors become CLI errors that show their code. */
export async function runDisputes(db: Database, sub: string, rest: string[]): Promise<number> {
  try {
    return await runSubcommand(db, sub, rest);
  } catch (err) {
    if (err instanceof GovernanceError) throw new CliError(`${err.code}: ${err.message}`, 1);
    throw err;
  }
}

const command: Command = {
  name: 'disputes',
  summary: 'Raise, list and resolve credit disputes; revoke overrides; read the audit trail',
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (!sub) throw new CliError(`name a sub-command. Usage:\n${USAGE}`);
    if (!['list', 'raise', 'resolve', 'revoke', 'audit'].includes(sub))
      throw new CliError(`unknown sub-command "${sub}". Usage:\n${USAGE}`);
    const urlAt = rest.findIndex((a) => a === '--database-url' || a.startsWith('--database-url='));
    const url = urlAt < 0 ? undefined : rest[urlAt]!.includes('=') ? rest[urlAt]!.split('=').slice(1).join('=') : rest[urlAt + 1];
    const db = await openCliDatabase(url);
    try {
      return await runDisputes(db, sub, rest);
    } finally {
      await db.close();
    }
  },
};

export default command;
