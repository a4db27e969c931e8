// Recognising database errors, whichever layer raised them: node-postgres,
// PGlite, or Prisma (which wraps driver errors in
// meta.driverAdapterError.cause). Use it to turn a constraint or trigger
// refusal into a typed domain error (e.g. a GraphQL error code).

/** SQLSTATE codes this project relies on. AT0xx are raised by our own triggers (see prisma/migrations). */
export const SQLSTATE = {
  /** A published or retired rule version was changed or deleted. */
  IMMUTABLE_RULE_VERSION: 'AT001',
  /** An audit event was updated or deleted. */
  APPEND_ONLY_AUDIT: 'AT002',
  NOT_NULL_VIOLATION: '23502',
  FOREIGN_KEY_VIOLATION: '23503',
  UNIQUE_VIOLATION: '23505',
  CHECK_VIOLATION: '23514',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
} as const;

interface DatabaseErrorInfo {
  /** The SQLSTATE, e.g. '23505' or 'AT001'. */
  sqlState: string;
  message: string;
  /** Constraint name when the database reports it (CHECK/unique/FK violations), or when it can be read from the message. */
  constraint?: string;
  hint?: string;
  detail?: string;
}

// Prisma's driver-adapter error kinds that carry no SQLSTATE of their own.
const KIND_TO_SQLSTATE: Record<string, string> = {
  UniqueConstraintViolation: SQLSTATE.UNIQUE_VIOLATION,
  ForeignKeyConstraintViolation: SQLSTATE.FOREIGN_KEY_VIOLATION,
  NullConstraintViolation: SQLSTATE.NOT_NULL_VIOLATION,
  TransactionWriteConflict: SQLSTATE.SERIALIZATION_FAILURE,
};

// Prisma error codes, as a last resort when no driver error is attached.
const PRISMA_CODE_TO_SQLSTATE: Record<string, string> = {
  P2002: SQLSTATE.UNIQUE_VIOLATION,
  P2003: SQLSTATE.FOREIGN_KEY_VIOLATION,
  P2011: SQLSTATE.NOT_NULL_VIOLATION,
  P2034: SQLSTATE.SERIALIZATION_FAILURE,
};

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => v !== null && typeof v === 'object';
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function constraintFromMessage(message: string): string | undefined {
  return /constraint "([^"]+)"/.exec(message)?.[1];
}

/** SQLSTATE and details of a database error, or undefined if `err` is not one. */
export function databaseError(err: unknown): DatabaseErrorInfo | undefined {
  if (!isBag(err)) return undefined;
  const message = str(err.message) ?? '';

  // Prisma: meta.driverAdapterError.cause
  const meta = isBag(err.meta) ? err.meta : undefined;
  const adapterError = meta && isBag(meta.driverAdapterError) ? meta.driverAdapterError : undefined;
  const cause = adapterError && isBag(adapterError.cause) ? adapterError.cause : undefined;
  if (cause) {
    const sqlState = str(cause.originalCode) ?? str(cause.code) ?? KIND_TO_SQLSTATE[String(cause.kind)];
    if (sqlState) {
      const causeMessage = str(cause.originalMessage) ?? str(cause.message) ?? message;
      const constraint = isBag(cause.constraint) ? str(cause.constraint.index) : str(cause.constraint);
      return clean({
        sqlState,
        message: causeMessage,
        constraint: constraint ?? constraintFromMessage(causeMessage),
        hint: str(cause.hint),
        detail: str(cause.detail),
      });
    }
  }
  const prismaCode = str(err.code);
  if (prismaCode && PRISMA_CODE_TO_SQLSTATE[prismaCode]) {
    const target = meta?.target;
    return clean({
      sqlState: PRISMA_CODE_TO_SQLSTATE[prismaCode]!,
      message,
      constraint: Array.isArray(target) ? target.join(',') : str(target),
    });
  }

  // node-postgres DatabaseError and PGlite DatabaseError: a 5-character SQLSTATE in `code`.
  if (prismaCode && /^[0-9A-Z]{5}$/.test(prismaCode)) {
    return clean({
      sqlState: prismaCode,
      message,
      constraint: str(err.constraint) ?? constraintFromMessage(message),
      hint: str(err.hint),
      detail: str(err.detail),
    });
  }
  // Wrapped errors (e.g. MigrationApplyError) keep the original as `cause`.
  return err.cause !== undefined && err.cause !== err ? databaseError(err.cause) : undefined;
}

function clean(info: DatabaseErrorInfo): DatabaseErrorInfo {
  const out: DatabaseErrorInfo = { sqlState: info.sqlState, message: info.message };
  if (info.constraint) out.constraint = info.constraint;
  if (info.hint) out.hint = info.hint;
  if (info.detail) out.detail = info.detail;
  return out;
}

/** True when the database refused to change or delete a published/retired rule version. */
export function isImmutableRuleVersionError(err: unknown): boolean {
  return databaseError(err)?.sqlState === SQLSTATE.IMMUTABLE_RULE_VERSION;
}

/** True when `err` is a CHECK violation of the named constraint (or of any CHECK when no name is given). */
export function isCheckViolation(err: unknown, constraint?: string): boolean {
  const info = databaseError(err);
  return info?.sqlState === SQLSTATE.CHECK_VIOLATION && (constraint === undefined || info.constraint === constraint);
}

/** True when `err` is a unique violation (optionally of the named index). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const info = databaseError(err);
  return info?.sqlState === SQLSTATE.UNIQUE_VIOLATION && (constraint === undefined || info.constraint === constraint);
}
