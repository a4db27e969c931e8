// Typed governance errors: a stable `code` for the API/CLI and a message that
// says what to do next.

type GovernanceErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_SHARE'
  | 'INVALID_LANE'
  | 'INVALID_ROLE'
  | 'INVALID_CURSOR'
  | 'OPPORTUNITY_NOT_FOUND'
  | 'ALLOCATION_NOT_FOUND'
  | 'PARTNER_NOT_FOUND'
  | 'RULE_SET_NOT_FOUND'
  | 'DISPUTE_NOT_FOUND'
  | 'DISPUTE_ALREADY_OPEN'
  | 'DISPUTE_ALREADY_RESOLVED'
  | 'SELF_RESOLUTION_FORBIDDEN'
  | 'OVERRIDE_REQUIRED'
  | 'OVERRIDE_NOT_FOUND'
  | 'OVERRIDE_ALREADY_REVOKED';

export class GovernanceError extends Error {
  constructor(
    readonly code: GovernanceErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GovernanceError';
  }
}
