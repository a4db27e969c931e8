// Shared pieces of mutation payloads.
import { builder } from '../builder.js';

export const UpsertStatusEnum = builder.enumType('UpsertStatus', {
  values: {
    created: { description: 'No record had the key: a new one was written.' },
    updated: { description: 'A record had the key and differed: it was changed (and audited).' },
    unchanged: { description: 'A record had the key and already matched: nothing was written.' },
  } as const,
  description: 'What an idempotent upsert did: unchanged means the stored record already matched.',
});
