// In-process events for subscriptions (served over Yoga's SSE transport).
import { createPubSub } from 'graphql-yoga';

export interface RunProgressEvent {
  runId: string;
}

export interface AllocationsChangedEvent {
  /** The run that wrote the allocations, when known. */
  runId: string | null;
  opportunityIds: string[];
  /** Partners whose allocations may have changed (used to filter partner subscribers). */
  partnerIds: string[] | null;
  reason: string;
  at: Date;
}

export type AttribPubSub = ReturnType<typeof createAttribPubSub>;

export function createAttribPubSub() {
  return createPubSub<{
    'run:progress': [runId: string, event: RunProgressEvent];
    'allocations:changed': [event: AllocationsChangedEvent];
  }>();
}
