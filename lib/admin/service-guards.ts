// What every admin service does first: check the actor's permission itself, then parse its input into
// field errors a form can show.
import type { z } from "zod";
import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/errors/field-errors";

export function require(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}
