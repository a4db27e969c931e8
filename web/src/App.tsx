// The app shell: sign-in, navigation by role, and the route → view table.
// A view is reachable only when the signed-in role may open it (viewsFor);
// any other path shows "not available" rather than another role's view.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type FormEvent } from 'react';
import { createClient } from './client.js';
import { navigate, useRoute } from './router.js';
import { forgetKey, signIn, storedKey, viewsFor, type Session, type ViewName } from './session.js';
import type { ViewProps } from './types.js';
import { ErrorBox, Loading } from './ui/load.js';
import { Link } from './ui/link.js';

// Each view is its own chunk, loaded when first opened: a partner never
// downloads the dashboard's charts, nobody but governance the workbench.
const VIEWS: Record<ViewName, ComponentType<ViewProps>> = {
  dashboard: lazy(() => import('./views/Dashboard.js').then((m) => ({ default: m.Dashboard }))),
  spotlight: lazy(() => import('./views/Spotlight.js').then((m) => ({ default: m.Spotlight }))),
  hygiene: lazy(() => import('./views/Hygiene.js').then((m) => ({ default: m.Hygiene }))),
  portal: lazy(() => import('./views/Portal.js').then((m) => ({ default: m.Portal }))),
  workbench: lazy(() => import('./workbench/Workbench.js').then((m) => ({ default: m.Workbench }))),
};

const VIEW_LABELS: Record<ViewName, string> = {
  dashboard: 'Scorecard',
  spotlight: 'Spotlight',
  hygiene: 'Revenue hygiene',
  portal: 'Partner portal',
  workbench: 'Rules workbench',
};

type SessionState = { state: 'checking' } | { state: 'signed-out'; error?: Error } | { state: 'signed-in'; session: Session };

export function App() {
  const [auth, setAuth] = useState<SessionState>(() => (storedKey() ? { state: 'checking' } : { state: 'signed-out' }));
  const route = useRoute();

  useEffect(() => {
    const key = storedKey();
    if (!key || auth.state !== 'checking') return;
    signIn(key).then(
      (session) => setAuth({ state: 'signed-in', session }),
      (error: unknown) => {
        forgetKey();
        setAuth({ state: 'signed-out', error: error as Error });
      },
    );
  }, [auth.state]);

  const signOut = useCallback((error?: Error) => {
    forgetKey();
    setAuth(error ? { state: 'signed-out', error } : { state: 'signed-out' });
  }, []);

  if (auth.state === 'checking')
    return (
      <main className="center">
        <Loading what="your session" />
      </main>
    );
  if (auth.state === 'signed-out') {
    return <SignIn error={auth.error} onSignedIn={(session) => setAuth({ state: 'signed-in', session })} />;
  }
  return <Shell session={auth.session} segments={route.segments} route={route} onSignOut={signOut} />;
}

function Shell({
  session,
  route,
  segments,
  onSignOut,
}: {
  session: Session;
  route: ViewProps['route'];
  segments: string[];
  onSignOut: (error?: Error) => void;
}) {
  const views = viewsFor(session.role);
  const client = useMemo(
    () =>
      createClient(session.apiKey, {
        onUnauthenticated: () => onSignOut(new Error('The API key was refused (revoked or unknown): sign in again.')),
      }),
    [session.apiKey, onSignOut],
  );
  const first = segments[0] as ViewName | undefined;
  const home = views[0];

  useEffect(() => {
    if (!first && home) navigate(`/${home}`, { replace: true });
  }, [first, home]);

  useEffect(() => {
    const label = first && views.includes(first) ? VIEW_LABELS[first] : 'Ecosystem Attribution';
    document.title = `${label} · Ecosystem Attribution`;
  }, [first, views]);

  // After an in-app navigation to another page, focus moves to the content
  // (keyboard and screen-reader users start there, as after a page load).
  const path = segments.join('/');
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [path]);

  let content: React.JSX.Element;
  if (!home) {
    content = (
      <section>
        <h1>No views for this key</h1>
        <p>This API key's role ({session.role}) has no view in the web app. Integrator keys send data through the GraphQL API.</p>
      </section>
    );
  } else if (!first) {
    content = <Loading what="the app" />;
  } else if (!views.includes(first)) {
    content = (
      <section>
        <h1>Not available</h1>
        <p>This page is not available to a {session.role} key.</p>
        <p>
          <Link to={`/${home}`}>Go to {VIEW_LABELS[home]}</Link>
        </p>
      </section>
    );
  } else {
    const View = VIEWS[first];
    content = (
      <Suspense fallback={<Loading what={VIEW_LABELS[first]} />}>
        <View client={client} session={session} route={route} navigate={navigate} />
      </Suspense>
    );
  }

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Ecosystem Attribution</span>
        <nav aria-label="Views">
          <ul>
            {views.map((v) => (
              <li key={v}>
                <Link to={`/${v}`} aria-current={first === v ? 'page' : undefined}>
                  {VIEW_LABELS[v]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {session.partner ? `${session.partner.name} · ` : ''}
          {session.name || `key ${session.keyPrefix}`} <span className="role">{session.role}</span>
        </span>
        <button type="button" onClick={() => onSignOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

function SignIn({ error, onSignedIn }: { error?: Error | undefined; onSignedIn: (s: Session) => void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | undefined>(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    signIn(key).then(
      (session) => onSignedIn(session),
      (err: unknown) => {
        setProblem(err as Error);
        setBusy(false);
      },
    );
  };

  return (
    <main className="center" id="main">
      <form className="card signin" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <p>Paste your API key. It stays in this browser tab only (session storage) and is sent with every request.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby="api-key-help"
        />
        <p id="api-key-help" className="muted small">
          Keys are created with <code>attrib keys create --role …</code>; <code>npm start</code> prints a demo admin key on first start.
        </p>
        {problem && <ErrorBox error={problem} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
