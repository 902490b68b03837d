import { isDashboardPath } from "../http/routes/dashboard-routes.js";
import { REST_ROUTES } from "../http/routes/rest-routes.js";

const FIXED = new Set([
  "/",
  "/healthz",
  "/health",
  "/health/ready",
  "/metrics",
  "/api/events",
  "/.well-known/jwks.json",
]);
const REST_PATHS = new Set(Object.keys(REST_ROUTES).map((key) => key.slice(key.indexOf(" ") + 1)));

/**
 * The route a request path belongs to, as a label: ids become `:id` and unknown paths `other`, so a
 * scanner walking random URLs cannot create unbounded series.
 */
export function routeTemplate(path: string): string {
  if (path === "/mcp" || path.startsWith("/mcp/")) return "/mcp";
  if (path === "/dashboard" || path.startsWith("/dashboard/")) return "/dashboard";
  if (FIXED.has(path) || REST_PATHS.has(path)) return path;
  if (isDashboardPath(path)) return path.replace(/^\/api\/threads\/[^/]+/, "/api/threads/:id");
  return "other";
}
