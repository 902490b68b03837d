import { useEffect, useRef, useState } from "preact/hooks";
import { getToken, isRefused, onTokenChange, setToken, tokenSubject } from "../net/token.js";
import { useStore } from "./use-store.js";

/** Re-renders on sign-in, sign-out and a 401 from the server. */
function useToken(): { token: string | null; refused: boolean } {
  const [, setTick] = useState(0);
  useEffect(() => onTokenChange(() => setTick((n) => n + 1)), []);
  return { token: getToken(), refused: isRefused() };
}

/**
 * jwt mode: asks for a token when there is none or the server refused the one we have (expired,
 * revoked). The token comes from `mcp-coordinator token create --org <org> --user <you>`.
 */
export function SignIn() {
  const store = useStore();
  const { token, refused } = useToken();
  const [draft, setDraft] = useState("");
  const ref = useRef<HTMLDialogElement>(null);
  const needed = store.state.server?.mode === "jwt" && (token === null || refused);
  useEffect(() => {
    const dialog = ref.current;
    if (needed && dialog && !dialog.open) dialog.showModal();
  }, [needed]);
  if (!needed) return null;
  return (
    <dialog ref={ref} class="help sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim() === "") return;
          setToken(draft);
          setDraft("");
          ref.current?.close();
          // Reconnect now with the token (the stream reloads the snapshot).
          store.dropConnection();
        }}
      >
        <h2 id="sign-in-title">Sign in</h2>
        <p>
          {refused && token !== null
            ? "The server refused this token (expired or revoked). Paste a new one."
            : "This coordinator runs in jwt mode. Paste your token:"}
        </p>
        <p>
          <code>mcp-coordinator token create --org &lt;org&gt; --user &lt;you&gt;</code>
        </p>
        <input
          type="password"
          aria-label="Token"
          autocomplete="off"
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          autofocus
        />
        <button type="submit">Sign in</button>
      </form>
    </dialog>
  );
}

/** Who is signed in, and a way out; nothing in open mode. */
export function SignedIn() {
  const store = useStore();
  const { token } = useToken();
  const who = tokenSubject(token);
  if (store.state.server?.mode !== "jwt" || who === null) return null;
  return (
    <span class="chip" data-testid="signed-in">
      {who.user} @ {who.org}{" "}
      <button
        type="button"
        class="link"
        onClick={() => {
          setToken(null);
          store.dropConnection();
        }}
      >
        Sign out
      </button>
    </span>
  );
}
