import { describe, expect, it } from "vitest";
import { dashboardReturnPath } from "./dashboard-return-path.js";

describe("where a dashboard sign-in returns to", () => {
  it("is the dashboard page the person was on, query and fragment kept", () => {
    expect(dashboardReturnPath(null)).toBe("/dashboard/");
    expect(dashboardReturnPath("")).toBe("/dashboard/");
    expect(dashboardReturnPath("/dashboard")).toBe("/dashboard");
    expect(dashboardReturnPath("/dashboard/?thread=T-1#scoring")).toBe("/dashboard/?thread=T-1#scoring");
  });

  it("is never another site or another part of this one (no open redirect)", () => {
    for (const raw of [
      "https://evil.test/dashboard/",
      "//evil.test/dashboard/",
      "/\\evil.test/dashboard/",
      "\\\\evil.test",
      "dashboard/",
      "/api/snapshot",
      "/dashboardx",
      "/dashboard/../oauth/logout",
      "/dashboard/\nlocation: x",
      "javascript:alert(1)",
    ]) {
      // Dot segments are resolved before the check, so `/dashboard/../…` is refused too.
      expect(dashboardReturnPath(raw), raw).toBeNull();
    }
  });
});
