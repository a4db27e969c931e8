// Scalars: Decimal travels as a string (never a float), DateTime as ISO-8601
// with offset, Date as YYYY-MM-DD, JSON as-is.
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { isoDate, isoInstant } from '../db/timestamps.js';
import { builder } from './builder.js';

const DECIMAL = /^-?\d{1,18}(\.\d{1,12})?$/;

function decimalToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'toFixed' in value && typeof (value as { toFixed: unknown }).toFixed === 'function') {
    return (value as { toFixed(): string }).toFixed();
  }
  if (typeof value === 'bigint') return value.toString();
  throw new GraphQLError(`Decimal cannot represent ${typeof value}: only strings and decimal objects are served, never floats.`);
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError('Decimal must be a string such as "125000.00"; numbers are refused because a float cannot hold money exactly.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const v = value.trim();
  if (!DECIMAL.test(v)) {
    throw new GraphQLError(`"${value}" is not a decimal: use digits with an optional "." and fraction, e.g. "1250.50".`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return v;
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number as a string, e.g. "125000.00" (money) or "0.400000" (share). Never a float.',
  serialize: (value) => decimalToString(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) return parseDecimal(ast.kind === Kind.FLOAT || ast.kind === Kind.INT ? Number(ast.value) : undefined);
    return parseDecimal(ast.value);
  },
});

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(
      `DateTime must be an ISO-8601 string with a time zone, e.g. "2025-03-01T10:00:00Z" (got ${JSON.stringify(value)}).`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return new Date(value);
}

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string in UTC, e.g. "2025-03-01T10:00:00.000Z".',
  serialize: isoInstant,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError(`Date must be a calendar date "YYYY-MM-DD", e.g. "2025-01-31" (got ${JSON.stringify(value)}).`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const d = new Date(`${value}T00:00:00Z`);
  if (d.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`${value} is not a real calendar date.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return d;
}

builder.scalarType('Date', {
  description: 'A calendar date "YYYY-MM-DD" (UTC).',
  serialize: isoDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables; pass the whole value as a variable.');
  }
}

builder.scalarType('JSON', {
  description: 'Any JSON value (object, array, string, number, boolean or null), as is; each field says what shape to expect.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToJson,
});
