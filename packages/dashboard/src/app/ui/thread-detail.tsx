import { useEffect, useRef, useState } from "preact/hooks";
import { fetchThread, type OperatorAction, postOperatorAction } from "../net/api.js";
import { mergeMessages, toMessageRow } from "../state/apply-snapshot.js";
import { resolutionOf } from "../state/derive.js";
import { isLive, type ThreadRow } from "../state/model.js";
import { AgentName } from "./agent-name.js";
import { band, clock, countdown, label } from "./format.js";
import { useStore, useTick } from "./use-store.js";

const POST_TYPES = ["context", "warning", "question", "answer"] as const;

export function ThreadDetail({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const store = useStore();
  const thread = store.state.threads.get(threadId);
  const heading = useRef<HTMLHeadingElement>(null);
  useTick(1000);

  useEffect(() => {
    heading.current?.focus();
  }, [threadId]);

  useEffect(() => {
    if (!thread || thread.messagesComplete) return;
    let cancelled = false;
    void fetchThread(threadId)
      .then((full) => {
        if (cancelled || !full.messages) return;
        mergeMessages(thread, full.messages.map(toMessageRow));
        thread.messagesComplete = true;
        store.touch();
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [threadId, thread?.messagesComplete]);

  if (!thread) {
    return (
      <aside class="panel detail" aria-label="Thread">
        <p class="empty">Thread {threadId} is not known (yet).</p>
      </aside>
    );
  }
  const now = Date.now() + store.state.clockOffsetMs;
  const live = isLive(thread.status);
  const resolution = resolutionOf(thread);
  const byType = new Map<string, number>();
  for (const m of thread.messages) byType.set(m.type, (byType.get(m.type) ?? 0) + 1);

  return (
    <aside class="panel detail" aria-labelledby="detail-title" data-testid="thread-detail">
      <div class="panel-head">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {thread.subject}
        </h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close thread (Escape)">
          ×
        </button>
      </div>
      <div class="detail-meta">
        <span class={`badge status-${thread.status}`} data-testid="detail-status">
          {thread.status}
        </span>
        {resolution !== "open" && (
          <span class={`res res-${resolution}`} data-testid="detail-resolution">
            {label(resolution)}
          </span>
        )}
        <span class="chip">round {thread.round}</span>
        <span class={`chip score-${band(thread.score)}`}>
          score {thread.score}
          {thread.layer ? ` · layer ${thread.layer}` : ""}
        </span>
        <span class={`cat cat-${thread.category}`}>{label(thread.category)}</span>
        {live && (
          <span class="chip timer" data-testid="time-left" title="Time left before the thread times out">
            {countdown(thread.deadlineAt - now)} left
          </span>
        )}
      </div>
      <dl class="facts">
        <SymbolFacts thread={thread} />
        <dt>Initiator</dt>
        <dd>
          <AgentName id={thread.initiatorId} />
        </dd>
        <dt>Respondents</dt>
        <dd>
          {thread.respondentIds.length === 0
            ? "—"
            : thread.respondentIds.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <AgentName id={id} />
                </span>
              ))}
          {thread.othersAffected > 0 && (
            <span class="muted" data-testid="others-affected">
              {" "}
              and {thread.othersAffected} other {thread.othersAffected === 1 ? "agent" : "agents"} affected
              (told, not consulted)
            </span>
          )}
        </dd>
        {thread.targetFiles.length > 0 && (
          <>
            <dt>Files</dt>
            <dd class="mono small">{thread.targetFiles.join(", ")}</dd>
          </>
        )}
        {thread.targetModules.length > 0 && (
          <>
            <dt>Modules</dt>
            <dd class="mono small">{thread.targetModules.join(", ")}</dd>
          </>
        )}
        {thread.resolution && (
          <>
            <dt>Outcome</dt>
            <dd>
              {thread.resolution.reason}
              {thread.resolution.by ? ` — ${thread.resolution.by}` : ""}
            </dd>
          </>
        )}
      </dl>
      <Proposal thread={thread} />
      <h3>
        Messages <span class="muted small">({thread.messages.length})</span>
      </h3>
      {byType.size > 0 && (
        <div class="chips">
          {[...byType].map(([type, n]) => (
            <span key={type} class={`chip msg-${type}`}>
              {type} {n}
            </span>
          ))}
        </div>
      )}
      <ol class="messages" data-testid="messages" aria-live="polite">
        {thread.messages.map((m) => (
          <li key={m.id} class={`message msg-${m.type}`} data-message={m.id}>
            <div class="message-head">
              <span class={`chip msg-${m.type}`}>{m.type}</span>
              <AgentName id={m.agentId} class="small" />
              <span class="muted small">
                r{m.round} · {clock(m.createdAt)}
              </span>
            </div>
            <p>{m.content}</p>
          </li>
        ))}
      </ol>
      <OperatorActions thread={thread} live={live} />
    </aside>
  );
}

function Proposal({ thread }: { thread: ThreadRow }) {
  const p = thread.proposal;
  if (!p) return <p class="muted small">No proposal yet.</p>;
  return (
    <section class="proposal" aria-label="Current proposal" data-testid="proposal">
      <div class="proposal-head">
        <strong>Proposal</strong>
        <span class="muted small">
          by <AgentName id={p.author_id} /> · round {p.round}
        </span>
      </div>
      <p>{p.content}</p>
      <div class="chips">
        {thread.approvals.map((id) => (
          <span key={id} class="chip ok" title="approved">
            ✓ <AgentName id={id} />
          </span>
        ))}
        {thread.awaiting.map((id) => (
          <span key={id} class="chip wait" title="awaited" data-testid="awaiting">
            … <AgentName id={id} />
          </span>
        ))}
      </div>
    </section>
  );
}

/**
 * The operator's moves while the thread is live. It stays mounted when the thread ends, so the result of
 * the move that ended it (Cancelled., Approved.) is still shown after the live update arrives.
 */
function OperatorActions({ thread, live }: { thread: ThreadRow; live: boolean }) {
  const [operator, setOperator] = useState(() => localStorage.getItem("operator-name") ?? "operator");
  const [text, setText] = useState("");
  const [type, setType] = useState<(typeof POST_TYPES)[number]>("context");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Cancelling ends the thread for every agent and cannot be undone: the first click only arms it.
  const [armed, setArmed] = useState(false);

  const act = async (action: OperatorAction, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    localStorage.setItem("operator-name", operator);
    const error = await postOperatorAction(thread.id, action, { operator, ...body });
    setBusy(false);
    setStatus(error ? { ok: false, text: error } : { ok: true, text: done });
    if (!error && action !== "approve") setText("");
  };
  const reason = text.trim();
  const result = status && (
    <p class={status.ok ? "note ok" : "note err"} role="status" data-testid="action-status">
      {status.text}
    </p>
  );
  if (!live) return result || null;
  return (
    <section class="actions" aria-label="Operator actions">
      <h3>Act as operator</h3>
      <div class="row">
        <label class="grow">
          Name
          <input
            value={operator}
            onInput={(e) => setOperator((e.target as HTMLInputElement).value)}
            pattern="[\w.@-]{1,64}"
            data-testid="operator-name"
          />
        </label>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => setType((e.target as HTMLSelectElement).value as typeof type)}
          >
            {POST_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Message or reason
        <textarea
          rows={3}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          data-testid="operator-text"
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && reason)
              void act("messages", { type, content: reason }, "Posted.");
          }}
        />
      </label>
      <div class="row buttons">
        <button
          type="button"
          disabled={busy || !reason}
          onClick={() => act("messages", { type, content: reason }, "Posted.")}
        >
          Post
        </button>
        <button
          type="button"
          class="primary"
          disabled={busy || !thread.proposal}
          title={thread.proposal ? "Approve the proposal: resolves the thread" : "No proposal to approve"}
          onClick={() => act("approve", {}, "Approved: the thread resolves as operator.")}
          data-testid="approve"
        >
          Approve
        </button>
        <button
          type="button"
          disabled={busy || !thread.proposal || !reason}
          title="Contest the proposal (the reason is required)"
          onClick={() => act("contest", { reason }, "Contested: next round.")}
        >
          Contest
        </button>
        <button
          type="button"
          class="danger"
          disabled={busy}
          data-testid="cancel"
          onClick={() => {
            if (!armed) {
              setArmed(true);
              setStatus({
                ok: false,
                text: "Cancelling ends the thread for every agent: click Confirm cancel.",
              });
              return;
            }
            setArmed(false);
            void act("cancel", reason ? { reason } : {}, "Cancelled.");
          }}
        >
          {armed ? "Confirm cancel" : "Cancel thread"}
        </button>
      </div>
      {result}
    </section>
  );
}

const RELATION_WORDS = {
  disjoint: "disjoint symbols",
  overlap: "same symbols",
  shared_state: "shared module state",
};

/** Which symbols each side works on, when the score was refined by symbols (layer 0s and friends). */
function SymbolFacts({ thread }: { thread: ThreadRow }) {
  const rows = thread.impacts.flatMap((impact) =>
    impact.hits.flatMap((hit) => (hit.symbols ? [{ agent: impact.agent_id, symbols: hit.symbols }] : [])),
  );
  if (rows.length === 0) return null;
  return (
    <>
      <dt>Symbols</dt>
      <dd data-testid="detail-symbols">
        {rows.map((row) => (
          <div key={`${row.agent}-${row.symbols.relation}`}>
            {RELATION_WORDS[row.symbols.relation]}: <AgentName id={row.agent} /> on{" "}
            {row.symbols.theirs.join(", ") || "—"}, the initiator on {row.symbols.mine.join(", ") || "—"}
          </div>
        ))}
      </dd>
    </>
  );
}
