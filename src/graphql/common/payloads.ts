// Shared pieces of mutation payloads.
import { builder } from '../builder.js';

export const UpsertStatusEnum = builder.enumType('UpsertStatus', {
  values: ['created', 'updated', 'unchanged'] as const,
  description: 'What an idempotent upsert did: unchanged means the stored record already matched.',
});
