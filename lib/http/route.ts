import "server-only";
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, NotFoundError } from "@/lib/errors";
import { log } from "@/lib/log";

type Handler<Ctx> = (request: Request, context: Ctx & { actor: Actor }) => Promise<Response>;

/**
 * Every route handler goes through here: session and permission first, typed errors mapped to
 * status codes, unexpected errors logged and answered without internals.
 */
export function withActor<Ctx extends object>(permission: Permission, handler: Handler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
      if (!can(actor, permission)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && !isSameOrigin(request)) {
        return NextResponse.json({ error: "forbidden" }, { status: 403 });
      }
      return await handler(request, { ...context, actor });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: error.code };
    if ("fieldErrors" in error) body.fieldErrors = (error as { fieldErrors: unknown }).fieldErrors;
    return NextResponse.json(body, { status: error.status });
  }
  log("error", "route.unexpected_error", { error });
  return NextResponse.json({ error: "internal" }, { status: 500 });
}

/** CSRF defence for state-changing route handlers: the Origin must be this site. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A positive integer id from a route segment; anything else is "not found", never a 500. */
export function parseIdParam(raw: string, entity: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(entity);
  return id;
}
