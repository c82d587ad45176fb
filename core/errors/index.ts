// Typed errors thrown by services and mapped in one place (lib/http) to action state or HTTP status.
// `code` is a message key under "errors." in messages/*.json; `cause` goes to the log, never to the user.

export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? code, options);
    this.name = new.target.name;
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message?: string) {
    super("forbidden", message);
  }
}

/** Also used for records outside the caller's scope, so their existence is not revealed. */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(readonly entity: string) {
    super("not_found", `${entity} not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(code = "conflict", message?: string) {
    super(code, message);
  }
}

/** Field errors keyed by field path; values are message keys, all of them, not just the first. */
export class ValidationError extends AppError {
  readonly status = 422;
  constructor(readonly fieldErrors: Record<string, string[]>, code = "validation") {
    super(code, `invalid input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited");
  }
}

/** A request whose body cannot be read at all (malformed JSON or multipart, the wrong content type). */
export class MalformedBodyError extends AppError {
  readonly status = 400;
  constructor(message?: string) {
    super("malformed_body", message);
  }
}

/** A request body larger than the endpoint reads. */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(readonly limitBytes: number) {
    super("payload_too_large");
  }
}
