// In-process events for subscriptions (served over Yoga's SSE transport).
import { createPubSub } from 'graphql-yoga';

interface RunProgressEvent {
  runId: string;
}

export interface AllocationsChangedEvent {
  /** The run that wrote the allocations, when known. */
  runId: string | null;
  opportunityIds: string[];
  /**
   * Partners whose allocations may have changed (filters partner-confined
   * subscribers); null: every partner; undefined: not worked out, each
   * partner-confined subscriber asks for its own (opportunitiesCreditedTo).
   */
  partnerIds: string[] | null | undefined;
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
