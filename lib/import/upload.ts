import "server-only";
import { ValidationError } from "@/core/errors";
import { readFormBody } from "@/lib/http/body";
import { unstorableTextErrors } from "@/core/errors/field-errors";
import { safeFileName } from "@/lib/files/file-name";
import { assertWithinSizeLimit, importMaxBytes, ImportFileError } from "./errors";

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  /** The form's text fields. */
  fields: Record<string, string>;
}

/**
 * Reads a multipart upload of an import file. The declared length is checked before the body is read,
 * so an oversized upload is refused without buffering it.
 */
export async function readUploadedFile(request: Request): Promise<UploadedFile> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  // Multipart framing adds a little over the file itself.
  if (declared > importMaxBytes() + 64 * 1024) assertWithinSizeLimit(declared);
  const form = await readFormBody(request);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    if (file instanceof File) throw new ImportFileError("empty_file");
    throw new ValidationError({ file: ["required"] });
  }
  assertWithinSizeLimit(file.size);
  const fields = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const unstorable = unstorableTextErrors(fields);
  if (unstorable) throw new ValidationError(unstorable);
  return { fileName: safeFileName(file.name, "upload"), bytes: Buffer.from(await file.arrayBuffer()), fields };
}
