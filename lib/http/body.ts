import "server-only";
import { MalformedBodyError, PayloadTooLargeError } from "@/core/errors";

// Route handlers read request bodies only through here, so that a body that is not what it says — cut-off
// or garbled multipart, a missing boundary, JSON that does not parse, the wrong content type — is the
// caller's mistake (400 malformed_body, explained in their language) and never a 500.

/** The multipart (or url-encoded) form of a request. */
export async function readFormBody(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (error) {
    throw new MalformedBodyError(error instanceof Error ? error.message : String(error));
  }
}

/** The JSON body of a request, unvalidated (parse it with its schema next). */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch (error) {
    throw new MalformedBodyError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The JSON body of a request of at most `maxBytes` (413 beyond, whether or not Content-Length says so: the
 * stream is cut off at the limit), unvalidated.
 */
export async function readLimitedJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new MalformedBodyError(`content type ${type || "missing"}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new PayloadTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedBodyError(error instanceof Error ? error.message : String(error));
  }
}
