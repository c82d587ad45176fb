import "server-only";
import { MalformedBodyError } from "@/core/errors";

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
