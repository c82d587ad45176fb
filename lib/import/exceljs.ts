// exceljs, with a fix for its streaming reader, for every module of the importer to import from here.
//
// exceljs 4.4.0's streaming XML parser (lib/utils/parse-sax.js) decodes every compressed chunk on its own,
// so a Thai character (3 bytes in UTF-8) that straddles two chunks becomes "\uFFFD" — in a Thai export
// roughly one row in thirty came out garbled. The replacement below is the same function with one
// streaming TextDecoder per parsed part. It must be in require's cache before exceljs itself loads,
// because exceljs binds parse-sax when its modules are first required; hence this module imports exceljs
// only after installing it. tests/unit/emenscr-parsing.test.ts guards the fix.
import { createRequire, Module } from "node:module";
import path from "node:path";

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const parseSaxPath = requireFromRoot.resolve("exceljs/lib/utils/parse-sax.js");
if (!requireFromRoot.cache[parseSaxPath]) {
  const { SaxesParser } = createRequire(parseSaxPath)("saxes") as {
    SaxesParser: new () => { on: (event: string, handler: (value: unknown) => void) => void; write: (text: string) => void };
  };
  const parseSax = async function* (iterable: AsyncIterable<Buffer | string>) {
    const decoder = new TextDecoder("utf-8");
    const parser = new SaxesParser();
    let error: unknown;
    parser.on("error", (err) => (error = err));
    let events: { eventType: string; value: unknown }[] = [];
    parser.on("opentag", (value) => events.push({ eventType: "opentag", value }));
    parser.on("text", (value) => events.push({ eventType: "text", value }));
    parser.on("closetag", (value) => events.push({ eventType: "closetag", value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
  };
  const patched = new Module(parseSaxPath);
  patched.filename = parseSaxPath;
  patched.loaded = true;
  patched.exports = parseSax;
  requireFromRoot.cache[parseSaxPath] = patched;
}

const ExcelJS = requireFromRoot("exceljs") as typeof import("exceljs");
export default ExcelJS;

/** exceljs' SAX event stream (the fixed one above): batches of events per decompressed chunk. */
export type SaxEvent =
  | { eventType: "opentag"; value: { name: string; attributes: Record<string, string> } }
  | { eventType: "text"; value: string }
  | { eventType: "closetag"; value: { name: string } };
export const parseSax = requireFromRoot("exceljs/lib/utils/parse-sax.js") as (iterable: AsyncIterable<Buffer | string>) => AsyncIterable<SaxEvent[]>;

/** exceljs' own helpers, so that cells read the way its WorksheetReader reads them. */
export const excelUtils = requireFromRoot("exceljs/lib/utils/utils.js") as {
  xmlDecode: (text: string) => string;
  isDateFmt: (format: string | undefined) => boolean;
  excelToDate: (serial: number, date1904?: boolean) => Date;
};
