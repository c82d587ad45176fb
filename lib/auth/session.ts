import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { actorOfUser, getSessionUserOfRequest } from "@/db/queries/users";
import type { Actor } from "@/core/auth/actor";
import { authOptions, checkedUserOf } from "./options";
import { can, type Permission } from "@/core/auth/permissions";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * The caller of this request, or null. The token alone is not trusted for access: the user is
 * re-read so that deactivation, role change or password reset (sessionVersion) take effect at once.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  // The session callback has compared the version already (lib/auth/options.ts) and hands over the row it
  // read; the comparison is kept here so that no path to an actor skips it.
  const row = checkedUserOf(session) ?? (await getSessionUserOfRequest(session.uid));
  if (!row || row.user.sessionVersion !== session.sv) return null;
  return actorOfUser(row);
});

/** Pages: the caller, or a redirect to sign-in that says whether a session expired. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const store = await cookies();
  const hadSession = SESSION_COOKIES.some((name) => store.has(name));
  const path = (await headers()).get("x-lamnam-path") ?? "/";
  const params = new URLSearchParams({ callbackUrl: path });
  if (hadSession) params.set("reason", "expired");
  redirect(`/signin?${params.toString()}`);
}

/** Pages: the caller if the role allows the permission, otherwise the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) forbidden();
  return actor;
}
