// Zod building blocks shared by the ingestion schemas.
import { z } from 'zod';
import { TAXONOMY_KEY } from '../domain/taxonomy.js';

export const keyString = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, 'may contain only letters, digits and . _ : @ / - (and must start with a letter or digit)');

export const text = (max = 500) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max = 500) =>
  text(max)
    .nullish()
    .transform((v) => v ?? null);

/** A point in time: a Date (from the GraphQL DateTime scalar) or an ISO-8601 string with offset. */
export const instant = z
  .union([
    z.date(),
    z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone, e.g. 2025-03-01T10:00:00Z' })
      .transform((s) => new Date(s)),
  ])
  .refine((d) => !Number.isNaN(d.getTime()), 'is not a valid date-time');

/** Money: a decimal string with at most 2 places, never a float. */
export const money = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be a non-negative decimal string with at most 2 decimal places, e.g. "125000.00"');

export const currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as USD');

export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { message: `must be one of: ${values.join(', ')}` });
}

/** The shape of a taxonomy key; whether it is in the taxonomy is checked against the vocabulary in force (checkTaxonomy). */
export const taxonomyKey = z
  .string()
  .trim()
  .regex(
    TAXONOMY_KEY,
    'must be a taxonomy key: lowercase letters, digits and underscores, starting with a letter (`attrib taxonomy list` shows them)',
  );
