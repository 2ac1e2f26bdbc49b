import { describe, expect, it } from "vitest";
import type { ConnectionState } from "../../src-shared/api/types.ts";
import { withAsked } from "./connect-requests.ts";

describe("contexts asked to connect", () => {
  const said: ConnectionState[] = [
    { context: "up", status: "connected", serverVersion: "v1.37.2" },
    { context: "down", status: "error", error: { code: "Unreachable", message: "connection refused" } },
    { context: "busy", status: "connecting" },
  ];

  it("leaves main's states as they are while nothing is asked", () => {
    expect(withAsked(said, [])).toBe(said);
  });

  it("shows a context main has not named yet as connecting", () => {
    expect(withAsked(said, ["new"])).toEqual([...said, { context: "new", status: "connecting" }]);
  });

  it("shows a failed context asked again as connecting, until main answers", () => {
    expect(withAsked(said, ["down"]).find((s) => s.context === "down")).toEqual({ context: "down", status: "connecting" });
  });

  it("keeps what main says of a connected or connecting context", () => {
    expect(withAsked(said, ["up", "busy"])).toEqual(said);
  });
});
