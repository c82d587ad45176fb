import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";

const secret = "a-secret-of-at-least-32-characters-long";
const token = { sub: "42", email: "officer@lamnam.demo", role: "agency_officer" };

describe("the session cookie's token", () => {
  it("reads the cookies next-auth issued, and next-auth reads the ones issued here", async () => {
    const issuedByNextAuth = await encode({ token, secret, maxAge: 3600 });
    expect(await decodeSessionToken({ token: issuedByNextAuth, secret })).toMatchObject(token);
    const issuedHere = await encodeSessionToken({ token, secret, maxAge: 3600 });
    expect(await decode({ token: issuedHere, secret })).toMatchObject(token);
  });

  it("expires after its maximum age", async () => {
    const issued = await encodeSessionToken({ token, secret, maxAge: 3600 });
    const { exp, iat } = (await decodeSessionToken({ token: issued, secret }))!;
    expect(Number(exp) - Number(iat)).toBe(3600);
    const expired = await encodeSessionToken({ token, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });

  it("refuses a token made with another secret or salt, or altered", async () => {
    const issued = await encodeSessionToken({ token, secret });
    await expect(decodeSessionToken({ token: issued, secret: `${secret}-other` })).rejects.toThrow();
    await expect(decodeSessionToken({ token: issued, secret, salt: "other" })).rejects.toThrow();
    const altered = issued.slice(0, -4) + (issued.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSessionToken({ token: altered, secret })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret })).toBeNull();
  });
});
