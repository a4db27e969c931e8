// A small path router for the app under /app: the route is the path after
// the base, navigation uses the History API, and the server answers every
// /app/* path with index.html (SPA fallback), so links can be shared.
import { useEffect, useState } from 'react';

export const BASE = '/app';

export interface Route {
  /** Path segments after /app, e.g. ['dashboard', 'partner', 'P-001']. */
  segments: string[];
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return {
    segments: path
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s)),
    query: new URLSearchParams(window.location.search),
  };
}

/** The href of an app path such as '/dashboard/partner/P-001'. */
export function href(path: string): string {
  return `${BASE}${path.startsWith('/') ? path : `/${path}`}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = href(path);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onPop = () => setRoute(currentRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}
