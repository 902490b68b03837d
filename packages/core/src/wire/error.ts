import { z } from "zod";

/**
 * Every refused HTTP request (REST, hooks, dashboard) answers this body with a 4xx/5xx status. `code` is
 * stable (core's CoordinatorError codes plus the HTTP layer's own: NOT_FOUND, INVALID_JSON, …; the map
 * to statuses is cli's http-error.ts); `message` says what to do next; `details` names the field or
 * the ids involved.
 */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
