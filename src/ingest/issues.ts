// Validation failures as data: every problem names the field it is about
// (a dotted path such as "touchpoints.3.occurredAt") and says what to do.
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the offending field relative to the input ("occurredAt", "partners.0.since"). */
  path: string;
  message: string;
}

export function issuesFromZod(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: joinPath(prefix, issue.path.map(String).join('.')),
    message: issue.message,
  }));
}

function joinPath(prefix: string | undefined, path: string): string {
  if (!prefix) return path;
  return path ? `${prefix}.${path}` : prefix;
}

/** Bad input: nothing was written. */
export class InputValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: FieldIssue[]) {
    super(
      issues.length === 1
        ? `${issues[0]!.path || 'input'}: ${issues[0]!.message}`
        : `${issues.length} fields are invalid: ${issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'InputValidationError';
  }
}

/** A key or id in the input names nothing. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly reference: string,
    message?: string,
  ) {
    super(message ?? `no ${entity} with ${reference}`);
    this.name = 'NotFoundError';
  }
}

/** A batch over the documented maximum: split it and send the parts. */
export class BatchTooLargeError extends Error {
  readonly code = 'BATCH_TOO_LARGE';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      `batch of ${size} items exceeds the maximum of ${limit}; split it into batches of at most ${limit} and send them one after another`,
    );
    this.name = 'BatchTooLargeError';
  }
}
