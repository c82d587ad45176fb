// Server actions as the browser sends them, for the load test's users (scripts/bench/load-session.ts):
// the forms read from a page's HTML, the multipart body React encodes, the router state Next.js expects,
// and the action's result read back from the RSC answer.

/** The assessment form of a page: its save action and fields. */
export interface FormState {
  actionId: string;
  /** The form's fields as the page rendered them (hidden fields, answers, notes, narrative texts). */
  fields: [string, string][];
  version: number;
}

/** The approve form of a submission page: its action and hidden fields. */
export interface ApproveForm {
  actionId: string;
  fields: [string, string][];
}

const unescapeHtml = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The assessment form of the page's HTML: the action's id (from the progressive-enhancement fields) and the values. */
export function parseForm(html: string): FormState | null {
  const at = html.indexOf('class="assess-form"');
  if (at < 0) return null;
  const form = html.slice(html.lastIndexOf("<form", at), html.indexOf("</form>", at));
  const fields: [string, string][] = [];
  for (const [, attrs] of form.matchAll(/<input\b([^>]*?)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    const type = /\btype="([^"]*)"/.exec(attrs!)?.[1] ?? "text";
    if (!name || type === "file" || (type === "radio" && !/\bchecked=""/.test(attrs!))) continue;
    fields.push([unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(attrs!)?.[1] ?? "")]);
  }
  for (const [, attrs, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    if (name) fields.push([name, unescapeHtml(text!)]);
  }
  const reference = fields.find(([name]) => name === "$ACTION_1:0")?.[1];
  const version = fields.find(([name]) => name === "version")?.[1];
  if (!reference || version === undefined) return null;
  return { actionId: (JSON.parse(reference) as { id: string }).id, fields, version: Number(version) };
}

/** The approve form of a submission page as an analyst sees it: its action's id and hidden fields. */
export function parseApproveForm(html: string): ApproveForm | null {
  const at = html.indexOf('class="assess-actions"');
  if (at < 0) return null;
  const form = html.slice(html.lastIndexOf("<form", at), html.indexOf("</form>", at));
  if (!form.includes('value="approve"')) return null;
  const fields: [string, string][] = [];
  for (const [, attrs] of form.matchAll(/<input\b([^>]*?)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    if (name) fields.push([unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(attrs!)?.[1] ?? "")]);
  }
  const reference = fields.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
  return reference ? { actionId: (JSON.parse(reference) as { id: string }).id, fields } : null;
}

/** Next.js's router state for a submission page, sent with a server action so that its answer re-renders that page. */
export function routerStateTree(agency: string, period: string, component: string): string {
  const segment = (name: string, value: string, children: unknown) => [[name, value, "d", null], { children }, null, null, 0];
  const page = ["__PAGE__", {}, null, null, 0];
  const tree = ["", { children: ["submissions", { children: segment("agency", agency, segment("period", period, segment("component", component, page))) }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(tree));
}

/**
 * The body of the save as React encodes a form action's arguments (previous state, FormData): the form's
 * fields prefixed with the FormData's reference, and the argument list in field "0". Learnt from a
 * browser's request to this app (Chromium, Next.js 16).
 */
export function saveBody(form: FormState, progress: string): { body: Buffer; contentType: string } {
  const fields = form.fields.map(([name, value]): [string, string] => [name, name === "version" ? String(form.version) : name === "progress" ? progress : value]);
  return actionBody([...fields, ["intent", "save"]]);
}

/** A form action's request body (previous state, FormData) for the given form fields. */
export function actionBody(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----LamnamLoad${Math.random().toString(16).slice(2)}`;
  const parts: [string, string][] = [...fields.map(([name, value]): [string, string] => [`_1_${name}`, value]), ["0", JSON.stringify([{ status: "idle" }, "$K1"])]];
  const text = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  return { body: Buffer.from(text), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The action's result: the line of the RSC answer holding chunk 1 (`0:{"a":"$@1",…}` points to it). */
export function actionResult(body: string): { status: string; error?: string; data?: { version: number } } | null {
  const line = /^1:(\{.*\})$/m.exec(body)?.[1];
  try {
    return line ? (JSON.parse(line) as { status: string; error?: string; data?: { version: number } }) : null;
  } catch {
    return null;
  }
}
