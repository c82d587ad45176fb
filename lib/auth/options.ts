import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findActiveUserByEmail, getSessionUserOfRequest } from "@/db/queries/users";
import { RateLimitedError } from "@/core/errors";
import { clientIdFrom, verifyCredentials } from "./sign-in";
import { log } from "@/core/log";
import { safeRedirectUrl } from "@/lib/http/safe-redirect";
import { endSessions } from "./sign-out";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

type SessionUserRow = NonNullable<Awaited<ReturnType<typeof getSessionUserOfRequest>>>;

/**
 * The user row the session callback checked, by the session it returned: getActor takes the row from here
 * instead of reading it again (React's per-render cache does not reach server actions and route handlers).
 */
const checkedUsers = new WeakMap<object, SessionUserRow>();

/** The user row behind a session getServerSession returned, if this process's session callback checked it. */
export function checkedUserOf(session: object): SessionUserRow | undefined {
  return checkedUsers.get(session);
}

/** Eight working hours; a deactivated user loses access at once (see getActor), not at expiry. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function isOidcConfigured(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
}

/** Error codes passed back to the sign-in page (`?error=`), translated there. */
export const SIGN_IN_ERRORS = ["invalid_credentials", "account_disabled", "rate_limited", "sso_no_account"] as const;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS, encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/signin", error: "/signin" },
  logger: {
    // A tampered or expired cookie is routine (the user is sent to sign in): one line, no stack.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") log("warn", "auth.session_rejected", { reason: (metadata as { message?: string })?.message ?? code });
      else log("error", "auth.error", { code, detail: metadata });
    },
    warn(code) {
      log("warn", "auth.warning", { code });
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").slice(0, 320);
        const password = String(credentials?.password ?? "").slice(0, 1024);
        // No account's email holds a control character (and a NUL cannot even be looked up).
        if (!email || !password || /[\u0000-\u001F\u007F]/.test(email)) throw new Error("invalid_credentials");
        let result: Awaited<ReturnType<typeof verifyCredentials>>;
        try {
          result = await verifyCredentials(email, password, clientIdFrom(req?.headers));
        } catch (error) {
          if (error instanceof RateLimitedError) throw new Error("rate_limited");
          // The message becomes the sign-in page's ?error=: never a query, a parameter or a stack.
          log("error", "auth.sign_in_failed", { error });
          throw new Error("unavailable");
        }
        if (!result.ok) throw new Error(result.reason);
        return { id: String(result.user.id), email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
    ...(isOidcConfigured()
      ? [
          {
            id: "oidc",
            name: process.env.OIDC_NAME || "SSO",
            type: "oauth" as const,
            wellKnown: `${process.env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: process.env.OIDC_CLIENT_ID,
            clientSecret: process.env.OIDC_CLIENT_SECRET,
            authorization: { params: { scope: "openid email profile" } },
            idToken: true,
            checks: ["pkce", "state"] as ("pkce" | "state")[],
            profile(profile: { sub: string; email?: string; name?: string }) {
              return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
            },
          },
        ]
      : []),
  ],
  events: {
    // The sign-out button posts to next-auth, which clears the cookie; this revokes the token itself.
    async signOut({ token }) {
      if (token?.uid && token.sv) await endSessions(token.uid, token.sv);
    },
  },
  callbacks: {
    // After sign-in, SSO and sign-out: only ever somewhere on this origin (never /\t/evil.example and the like).
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    // SSO never creates accounts: an admin creates the user, SSO only proves who signs in.
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const existing = user.email ? await findActiveUserByEmail(user.email) : undefined;
      return existing ? true : "/signin?error=sso_no_account";
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc") {
        const existing = await findActiveUserByEmail(user.email ?? "");
        if (existing) {
          token.uid = existing.id;
          token.sv = existing.sessionVersion;
        }
      } else if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion ?? 1;
      }
      return token;
    },
    // A revoked token (signed out, deactivated, password reset) describes nobody, at /api/auth/session too.
    async session({ session, token }) {
      const row = token.uid ? await getSessionUserOfRequest(token.uid) : undefined;
      if (!row?.user.active || row.user.sessionVersion !== token.sv) return { expires: session.expires, uid: 0, sv: 0 };
      session.uid = row.user.id;
      session.sv = row.user.sessionVersion;
      checkedUsers.set(session, row);
      return session;
    },
  },
};
