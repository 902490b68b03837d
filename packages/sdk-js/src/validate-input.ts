import type { z } from "zod";
import { InvalidRequestError } from "./errors.js";

/**
 * Checks an input against its core/wire schema before anything is sent, so a bad call fails at once,
 * with the same code and field the server would have answered (VALIDATION_FAILED).
 */
export function validateInput<S extends z.ZodType>(what: string, schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "(input)";
  throw new InvalidRequestError({
    code: "VALIDATION_FAILED",
    message: `${what}: ${field}: ${issue?.message ?? "invalid"}`,
    details: {
      field,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    },
  });
}
