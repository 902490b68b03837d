/**
 * Served at /dashboard/ when the `@mcp-coordinator/dashboard` package is not installed: a one-file page
 * with the live status (GET /api/status) and the event stream (/api/events), so the route is useful
 * before the real dashboard exists.
 */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mcp-coordinator</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
  h1 { font-size: 1.2rem; margin: 0 0 .25rem; }
  .note { color: #6e6e73; margin-bottom: 1rem; }
  section { margin-bottom: 1.25rem; }
  table { border-collapse: collapse; }
  td, th { padding: .2rem .6rem; border-bottom: 1px solid #e5e5ea; text-align: left; }
  #events { font: 12px ui-monospace, monospace; max-height: 50vh; overflow: auto; background: #f5f5f7; padding: .5rem; }
</style>
</head>
<body>
<h1>mcp-coordinator</h1>
<p class="note">Built-in status page: the dashboard package (@mcp-coordinator/dashboard) is not installed.</p>
<section><h2>Agents online</h2><table id="agents"><tr><td>loading…</td></tr></table></section>
<section><h2>Live threads</h2><table id="threads"><tr><td>loading…</td></tr></table></section>
<section><h2>Events</h2><div id="events"></div></section>
<script type="module">
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
async function refresh() {
  const status = await (await fetch("/api/status")).json();
  document.getElementById("agents").innerHTML = status.agents.length
    ? status.agents.map((a) => "<tr><td>" + esc(a.agent.id) + "</td><td>" + esc(a.agent.name) + "</td><td>" + esc(a.activity) + "</td></tr>").join("")
    : "<tr><td>none</td></tr>";
  document.getElementById("threads").innerHTML = status.live_threads.length
    ? status.live_threads.map((t) => "<tr><td>" + esc(t.id) + "</td><td>" + esc(t.subject) + "</td><td>" + esc(t.status) + "</td></tr>").join("")
    : "<tr><td>none</td></tr>";
}
refresh();
const log = document.getElementById("events");
const source = new EventSource("/api/events?last_event_id=0");
source.onmessage = null;
source.addEventListener("error", () => {});
const show = (e) => {
  const line = document.createElement("div");
  line.textContent = e.lastEventId + " " + e.type + " " + e.data;
  log.prepend(line);
  refresh();
};
for (const type of ["agent.registered","agent.status","agent.activity","announcement.scored","thread.opened","thread.message","thread.status","thread.claimed","thread.unclaimed","thread.completed","thread.poisoned","introspection.requested","file.activity","file.claimed","file.released","dependency_map.updated","action.logged","inbox.bounced","message.published"]) {
  source.addEventListener(type, show);
}
</script>
</body>
</html>
`;
