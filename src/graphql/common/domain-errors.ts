// Maps the typed errors of the rules, engine and governance services to the
// API's DomainRuleError / NotFoundError (same code and message, details kept).
import { RulesError } from '../../rules/errors.js';
import { GovernanceError } from '../../governance/errors.js';
import { ScopeError } from '../../engine/scope.js';
import { NotFoundError } from '../../ingest/index.js';
import { TaxonomyError } from '../../taxonomy/index.js';
import { DomainRuleError } from '../errors.js';

export function asApiError(err: unknown): unknown {
  if (err instanceof RulesError) {
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(err)) if (k !== 'code' && k !== 'name' && k !== 'message') details[k] = v;
    if (err.code.endsWith('_NOT_FOUND'))
      return new NotFoundError(
        err.code.replace(/_NOT_FOUND$/, '').toLowerCase(),
        String(details.ref ?? details.ruleSetKey ?? ''),
        err.message,
      );
    return new DomainRuleError(err.code, err.message, Object.keys(details).length ? details : null);
  }
  if (err instanceof GovernanceError) {
    if (err.code.endsWith('_NOT_FOUND')) return new NotFoundError(err.code.replace(/_NOT_FOUND$/, '').toLowerCase(), '', err.message);
    return new DomainRuleError(err.code, err.message, err.details ?? null);
  }
  if (err instanceof ScopeError) return new DomainRuleError('INVALID_SCOPE', err.message);
  if (err instanceof TaxonomyError) {
    return err.code === 'TAXONOMY_ENTRY_NOT_FOUND'
      ? new NotFoundError('taxonomy entry', '', err.message)
      : new DomainRuleError(err.code, err.message);
  }
  return err;
}

/** Runs a service call, translating its typed errors for the errors plugin. */
export async function domainCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asApiError(err);
  }
}
