import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/http/safe-redirect";

// The after-sign-in target as the browser would resolve it: anything that lands on another origin goes home.
// The query string has been decoded once by the time the page sees it ("%09" is a tab here).
const OFFSITE = [
  "https://evil.example/",
  "http://lamnam.invalid.evil.example/",
  "//evil.example/",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\\/evil.example",
  "//evil.example@lamnam.invalid/",
  "///evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
];

describe("safeCallbackPath", () => {
  it.each([
    ["/agencies/01002?x=1", "/agencies/01002?x=1"],
    ["/indicators?fy=2569#top", "/indicators?fy=2569#top"],
    ["/agencies/../admin", "/admin"],
    ["/%09/evil.example", "/%09/evil.example"],
    [undefined, "/"],
    [["/review", "//evil.example"], "/review"],
    ["/signin?callbackUrl=/", "/"],
    ["/signin/", "/"],
    [`/${"a".repeat(3000)}`, "/"],
  ])("%j -> %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each(OFFSITE)("never leaves the origin: %j", (input) => {
    const path = safeCallbackPath(input);
    expect(new URL(path, "http://lamnam.invalid").origin).toBe("http://lamnam.invalid");
    expect(path.startsWith("/") && !path.startsWith("//") && !/[\\\t\n\r]/.test(path)).toBe(true);
  });

  it("returns the parsed path: control characters encoded, nothing a browser would read differently", () => {
    expect(safeCallbackPath("/a\tb")).toBe("/ab");
    expect(safeCallbackPath("/ก ข")).toBe("/%E0%B8%81%20%E0%B8%82");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "https://lamnam.example.go.th";
  it.each([
    ["/indicators?fy=2569", `${base}/indicators?fy=2569`],
    ["/signin", `${base}/signin`],
    [`${base}/signin?error=rate_limited`, `${base}/signin?error=rate_limited`],
    [`${base}/review`, `${base}/review`],
    ["/\t/evil.example", `${base}/`],
    ["/\\evil.example", `${base}/`],
    ["//evil.example", `${base}/`],
    ["https://evil.example/", `${base}/`],
    ["http://lamnam.example.go.th/", `${base}/`],
    ["https://lamnam.example.go.th.evil.example/", `${base}/`],
    ["javascript:alert(1)", `${base}/`],
  ])("%j -> %s", (input, expected) => {
    expect(safeRedirectUrl(input, base)).toBe(expected);
  });
});
