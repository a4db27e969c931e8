// Global ids in arguments: decoded and checked against the expected type, so
// passing a Partner id where a RuleVersion id belongs is a clear error.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { InputValidationError } from '../../ingest/index.js';

export function idOf(globalId: string, typename: string, path: string): string {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw new InputValidationError([{ path, message: `"${globalId}" is not a global id; use the \`id\` field of a ${typename}` }]);
  }
  if (decoded.typename !== typename) {
    throw new InputValidationError([{ path, message: `expected the id of a ${typename}, got the id of a ${decoded.typename}` }]);
  }
  if (!UUID.test(decoded.id)) {
    throw new InputValidationError([
      { path, message: `"${globalId}" does not name a ${typename}; use the \`id\` field returned by the API` },
    ]);
  }
  return decoded.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function optionalIdOf(globalId: string | null | undefined, typename: string, path: string): string | undefined {
  return globalId ? idOf(globalId, typename, path) : undefined;
}
