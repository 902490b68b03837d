import { useEffect, useRef, useState } from "preact/hooks";
import {
  getSession,
  isSessionLoaded,
  loadSession,
  onSessionChange,
  signInUrl,
  signOut,
} from "../net/session.js";
import { isRefused, onTokenChange } from "../net/token.js";
import { useStore } from "./use-store.js";

/** Re-renders when the cookie session changes and when the server refuses a request (401). */
function useCookieSession() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const rerender = () => setTick((n) => n + 1);
    const offSession = onSessionChange(rerender);
    const offRefused = onTokenChange(rerender);
    return () => {
      offSession();
      offRefused();
    };
  }, []);
  return { session: getSession(), loaded: isSessionLoaded(), refused: isRefused() };
}

/**
 * oauth mode: a person signs in through the coordinator's own login (the provider picker, then the
 * team's identity provider) and comes back here with a cookie session. Asks the server who is signed in
 * when the mode is known, and again whenever a request is refused (the session ended).
 */
export function OAuthSignIn() {
  const store = useStore();
  const oauth = store.state.server?.mode === "oauth";
  const { session, loaded, refused } = useCookieSession();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (oauth) void loadSession();
  }, [oauth, refused]);
  const needed = oauth && loaded && session === null;
  useEffect(() => {
    const dialog = ref.current;
    if (needed && dialog && !dialog.open) dialog.showModal();
  }, [needed]);
  if (!needed) return null;
  return (
    <dialog ref={ref} class="help sign-in" aria-labelledby="oauth-sign-in-title" data-testid="sign-in">
      <h2 id="oauth-sign-in-title">Sign in</h2>
      <p>This coordinator signs people in with the team's identity provider.</p>
      <a class="button" href={signInUrl()}>
        Sign in
      </a>
    </dialog>
  );
}

/** Who the cookie session signs in, with their org and role, and a way out. */
export function OAuthSignedIn() {
  const store = useStore();
  const { session } = useCookieSession();
  const [error, setError] = useState<string | null>(null);
  if (store.state.server?.mode !== "oauth" || session === null) return null;
  return (
    <span class="chip" data-testid="signed-in">
      {session.user} @ {session.org} ({session.role}){" "}
      <button
        type="button"
        class="link"
        onClick={async () => {
          const failed = await signOut();
          setError(failed);
          // The stream reconnects without a session: refused, which brings the sign-in back.
          if (failed === null) store.dropConnection();
        }}
      >
        Sign out
      </button>
      {error && (
        <span role="alert" class="chip-alert">
          {error}
        </span>
      )}
    </span>
  );
}
