import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { checkEvidenceFile, matchesSignature } from "@/lib/assessments/evidence-rules";
import { ValidationError } from "@/lib/errors";

// What every uploaded file goes through (self-assessment evidence, follow-up case attachments): the
// type, size and signature rules of lib/assessments/evidence-rules.ts, a SHA-256, a display-only name,
// and a download that can never run in our origin.

export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  bytes: Uint8Array;
}

export interface AcceptedFile {
  /** The name without any path parts: only displayed and offered as the download name. */
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/** Checks an upload (type and extension agree, size, magic bytes) and hashes it; ValidationError { file } when refused. */
export function acceptUpload(file: UploadedFile): AcceptedFile {
  const problem = checkEvidenceFile(file) ?? (matchesSignature(file.type, file.bytes) ? null : "file_type");
  if (problem) throw new ValidationError({ file: [problem] });
  return {
    fileName: file.name.split(/[\\/]/).pop()!.slice(0, 255),
    mimeType: file.type,
    sizeBytes: file.size,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    content: Buffer.from(file.bytes),
  };
}

/** A route handler's multipart body; bodies declaring more than the limit are refused before buffering. */
export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData> {
  // The header can lie; acceptUpload checks the bytes too.
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw new ValidationError({ file: ["file_too_large"] });
  return request.formData();
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
