// What every view receives from the app shell.
import type { GraphQLClient } from './client.js';
import type { Route } from './router.js';
import type { Session } from './session.js';

export interface ViewProps {
  /** Typed GraphQL requests with the signed-in key. */
  client: GraphQLClient;
  session: Session;
  /** The current route (segments after /app/<view>/ are the view's own). */
  route: Route;
  /** Go to an app path, e.g. navigate('/dashboard/partner/P-001'). */
  navigate: (path: string, options?: { replace?: boolean }) => void;
}
