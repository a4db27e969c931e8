// What every resolver receives: the database, the caller and the event bus.
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Principal } from '../auth/principal.js';
import type { AttribPubSub } from './pubsub.js';

export interface GraphQLContext {
  db: Database;
  prisma: PrismaClient;
  /** null for an anonymous request: only public fields resolve (deny by default). */
  principal: Principal | null;
  pubsub: AttribPubSub;
  limits: ApiLimits;
}

export interface ApiLimits {
  /** Maximum touchpoints in one ingestTouchpoints call. */
  maxTouchpointBatch: number;
  maxDepth: number;
  maxComplexity: number;
  maxBreadth: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxTouchpointBatch: 5000,
  maxDepth: 12,
  maxComplexity: 20_000,
  maxBreadth: 400,
};
