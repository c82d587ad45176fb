import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { checkEvidenceFile, matchesSignature } from "@/core/assessments/evidence-rules";
import { ValidationError } from "@/core/errors";
import { readFormBody } from "@/lib/http/body";
import { unstorableTextErrors } from "@/core/errors/field-errors";
import { safeFileName } from "./file-name";

// What every uploaded file goes through (self-assessment evidence, follow-up case attachments): the
// type, size and signature rules of core/assessments/evidence-rules.ts, a SHA-256, a display-only name
// (lib/files/file-name.ts), and a download that can never run in our origin.

export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  bytes: Uint8Array;
}

export interface AcceptedFile {
  /** The name without path parts, control or direction characters: only displayed and offered as the download name. */
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** Checks an upload (type and extension agree, size, magic bytes) and hashes it; ValidationError { file } when refused. */
export function acceptUpload(file: UploadedFile): AcceptedFile {
  // The type is judged on the name as it will be shown, so the two can never disagree.
  const fileName = safeFileName(file.name);
  const problem = checkEvidenceFile({ ...file, name: fileName }) ?? (matchesSignature(file.type, file.bytes) ? null : "file_type");
  if (problem) throw new ValidationError({ file: [problem] });
  return {
    fileName,
    mimeType: file.type,
    sizeBytes: file.size,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    content: Buffer.from(file.bytes),
  };
}

/**
 * A route handler's multipart body; bodies declaring more than the limit are refused before buffering,
 * text fields with characters no database text can hold are refused as "invalid_characters".
 */
export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData> {
  // The header can lie; acceptUpload checks the bytes too.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw new ValidationError({ file: ["file_too_large"] });
  const form = await readFormBody(request);
  const unstorable = unstorableTextErrors(Object.fromEntries(form.entries()));
  if (unstorable) throw new ValidationError(unstorable);
  return form;
}

/** The form's "file" field; ValidationError { file: required } when there is none. */
export async function fileFromForm(form: FormData): Promise<UploadedFile> {
  const file = form.get("file");
  if (!(file instanceof File) || !file.name) throw new ValidationError({ file: ["required"] });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, type: file.type, size: bytes.byteLength, bytes };
}

/** A stored file as a download: always an attachment with a fixed type, sandboxed, never cached publicly. */
export function fileDownloadResponse(file: { content: Buffer | Uint8Array; mimeType: string | null; fileName: string }): Response {
  return new NextResponse(new Uint8Array(file.content), {
    headers: {
      "content-type": file.mimeType ?? "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}
