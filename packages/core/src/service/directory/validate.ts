import { CoordinatorError } from "../../errors.js";
import { ORG_ROLES, type OrgRole } from "../../model/identity.js";

/** Org ids become MQTT topic levels (`coordinator/{org}/…`): no wildcards, separators or spaces. */
export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** User ids may be e-mail addresses or `service:<token id>`. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
const SCOPE_PATTERN = /^[a-z][a-z0-9:._-]{0,63}$/;
const MAX_SCOPES = 32;

function invalid(field: string, message: string): CoordinatorError {
  return new CoordinatorError("VALIDATION_FAILED", message, { field });
}

export function validateOrgId(orgId: string): string {
  if (!ORG_ID_PATTERN.test(orgId)) {
    throw invalid(
      "org_id",
      `org id ${JSON.stringify(orgId)} is not valid: use 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  return orgId;
}

export function validateUserId(userId: string): string {
  if (!USER_ID_PATTERN.test(userId)) {
    throw invalid(
      "user_id",
      `user id ${JSON.stringify(userId)} is not valid: use 1–128 letters, digits, '.', '_', ':', '@', '+' or '-', starting with a letter or digit.`,
    );
  }
  return userId;
}

export function validateRole(role: string): OrgRole {
  if (!(ORG_ROLES as readonly string[]).includes(role)) {
    throw invalid("role", `role ${JSON.stringify(role)} is not one of ${ORG_ROLES.join(", ")}.`);
  }
  return role as OrgRole;
}

export function validateName(field: string, value: string, min = 1, max = 200): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    throw invalid(field, `${field} must be ${min}–${max} characters (got ${trimmed.length}).`);
  }
  return trimmed;
}

export function validateScopes(scopes: readonly string[]): string[] {
  if (scopes.length > MAX_SCOPES) throw invalid("scopes", `at most ${MAX_SCOPES} scopes per token.`);
  for (const scope of scopes) {
    if (!SCOPE_PATTERN.test(scope)) {
      throw invalid(
        "scopes",
        `scope ${JSON.stringify(scope)} is not valid: lower-case letters, digits, ':', '.', '_' or '-'.`,
      );
    }
  }
  return [...new Set(scopes)].sort();
}

const RANK: Readonly<Record<OrgRole, number>> = { agent: 0, operator: 1, admin: 2 };

/** The weaker of two roles: a token may narrow what its holder's membership allows, never widen it. */
export function weakerRole(a: OrgRole, b: OrgRole): OrgRole {
  return RANK[a] <= RANK[b] ? a : b;
}
