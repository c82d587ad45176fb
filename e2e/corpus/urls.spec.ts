import type { APIRequestContext, APIResponse } from "@playwright/test";
import { MARKUP, SIGN_IN_CASES, URL_CASES, type UrlCase } from "../../tests/corpus/url-cases";
import { DEMO, expect, signInRequest, test } from "../support/fixtures";
import { currentOrigin } from "../support/env";

// The URL part of the bad-input corpus (tests/corpus/url-cases.ts): malformed ids and codes, NUL bytes,
// SQL, path traversal, huge values, Unicode and markup in paths and query strings, requested over HTTP
// against the production build, read-only, as a signed-out visitor, an analyst, an admin and an officer;
// and bad sign-ins, posted as the sign-in form does.

/** What must never reach a visitor: a stack trace, the app's source, SQL or a database error. */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /\bat (?:async )?[\w$.<>[\]]+ \((?:\/|file:|webpack|node:)/],
  ["a source path", /node_modules\/|\.tsx?:\d+:\d+/],
  ["SQL", /Failed query|syntax error at or near|invalid byte sequence|out of range for type|relation "\w+"|\bSELECT\b[^<]{0,200}\bFROM\b/],
  ["an exception name", /\b(?:URIError|TypeError|RangeError|ZodError|PostgresError|DatabaseError)\b/],
];
const NOT_FOUND_TITLES = ["ไม่พบหน้าที่ต้องการ", "Page not found"];

const sessions = new Map<UrlCase["as"], APIRequestContext>();

test.describe("bad URLs over HTTP", () => {
  test.beforeAll(async ({ playwright }) => {
    const baseURL = currentOrigin();
    const emails: Record<Exclude<UrlCase["as"], "signed_out">, string> = {
      admin: DEMO.byRole("admin").email,
      analyst: DEMO.byRole("analyst").email,
      agency_officer: DEMO.byRole("agency_officer").email,
      ministry_reviewer: DEMO.byRole("ministry_reviewer").email,
      province_reviewer: DEMO.byRole("province_reviewer").email,
    };
    sessions.set("signed_out", await playwright.request.newContext({ baseURL }));
    for (const [subject, email] of Object.entries(emails)) {
      const context = await playwright.request.newContext({ baseURL });
      await signInRequest(context, email, baseURL);
      sessions.set(subject as UrlCase["as"], context);
    }
  });

  test.afterAll(async () => {
    for (const context of sessions.values()) await context.dispose();
  });

  for (const entry of URL_CASES) {
    test(`${entry.id} [${entry.category}] ${entry.path.slice(0, 80)}`, async () => {
      const response: APIResponse = await sessions.get(entry.as)!.get(entry.path, { maxRedirects: 0 });
      const body = await response.text();
      expect(response.status(), body.slice(0, 300)).toBe(entry.status);
      for (const [what, pattern] of LEAKS) expect(pattern.exec(body)?.[0], `the answer shows ${what}`).toBeUndefined();
      // Injected markup is written as text (&lt;img …), never as an element or a script.
      expect(body).not.toContain(MARKUP);
      expect(body).not.toContain("<script>alert('lamnam')");
      if (entry.status === 404) {
        const isApi = entry.path.startsWith("/api/");
        // An open-data file is JSON too, with its reason in Thai and English (app/open-data/[fy]/[file]/route.ts).
        const isOpenDataFile = /^\/open-data\/[^/]+\/[^/]+$/.test(entry.path);
        if (isApi) expect(JSON.parse(body)).toEqual({ error: "not_found" });
        else if (isOpenDataFile) expect(JSON.parse(body)).toMatchObject({ error: "not_found", message_th: expect.any(String), message_en: expect.any(String) });
        else expect(NOT_FOUND_TITLES.some((title) => body.includes(title)), "the localized not-found page").toBe(true);
      }
      if (entry.status === 307) {
        const target = new URL(response.headers().location!, currentOrigin());
        expect(target.origin, "a redirect never leaves the app").toBe(currentOrigin());
        expect(target.pathname).toBe(entry.location ?? "/signin");
      }
    });
  }

  SIGN_IN_CASES.forEach((entry, i) => {
    test(`${entry.id} [${entry.category}] sign-in`, async () => {
      const context = sessions.get("signed_out")!;
      const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
      // A client address of its own, so that these failures count against no other test's throttle.
      const response = await context.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: entry.email, password: entry.password, json: "true" },
        headers: { origin: currentOrigin(), "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      const body = await response.text();
      for (const [what, pattern] of LEAKS) expect(pattern.exec(body)?.[0], `the answer shows ${what}`).toBeUndefined();
      expect(new URL((JSON.parse(body) as { url: string }).url).searchParams.get("error")).toBe("invalid_credentials");
      expect((await (await context.get("/api/auth/session")).json()) as unknown).toEqual({});
    });
  });
});
