import "server-only";
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import type { z } from "zod";
import { AppError, NotFoundError, ValidationError } from "@/core/errors";
import { log } from "@/core/log";
import { isRecordId } from "@/core/parse/ids";

type Handler<Ctx> = (request: Request, context: Ctx & { actor: Actor }) => Promise<Response>;

/**
 * Every route handler goes through here: session and permission first, typed errors mapped to
 * status codes, unexpected errors logged and answered without internals. Every answer is marked
 * `Cache-Control: private, no-store` unless the handler chose its own: what a signed-in person is shown
 * must not be kept by a shared cache or the browser's history.
 */
export function withActor<Ctx extends object>(permission: Permission, handler: Handler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => privateAnswer(await answer(request, context));

  async function answer(request: Request, context: Ctx): Promise<Response> {
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
  }
}

export const PRIVATE_NO_STORE = "private, no-store";

function privateAnswer(response: Response): Response {
  if (response.headers.has("cache-control")) return response;
  try {
    response.headers.set("cache-control", PRIVATE_NO_STORE);
    return response;
  } catch {
    // Headers of some responses (Response.redirect) cannot be changed: answer with a copy.
    const headers = new Headers(response.headers);
    headers.set("cache-control", PRIVATE_NO_STORE);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
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

/** What codes (agency, period, component, indicator) are made of: short words of Latin letters, digits, "._-". */
const CODE = /^[0-9A-Za-z._-]{1,40}$/;

/**
 * A code from a route segment, decoded once; anything else ("%", a NUL, SQL, 10,000 characters) names
 * nothing and is "not found", never a failed query or a 500.
 */
export function parseCodeParam(raw: string, entity: string): string {
  let code: string;
  try {
    code = decodeURIComponent(raw);
  } catch {
    throw new NotFoundError(entity);
  }
  if (!CODE.test(code)) throw new NotFoundError(entity);
  return code;
}

/** A positive integer id from a route segment; anything else is "not found", never a 500. */
export function parseIdParam(raw: string, entity: string): number {
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !isRecordId(id)) throw new NotFoundError(entity);
  return id;
}

/** A GET route's query string read with its schema; anything else is a ValidationError naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "query"] ??= []).push("invalid");
  throw new ValidationError(fieldErrors);
}
