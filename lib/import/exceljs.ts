// exceljs, with two fixes for its streaming reader, for every module of the importer to import from here.
//
// 1. exceljs 4.4.0's streaming XML parser (lib/utils/parse-sax.js) decodes every compressed chunk on its
//    own, so a Thai character (3 bytes in UTF-8) that straddles two chunks becomes "\uFFFD" — in a Thai
//    export roughly one row in thirty came out garbled. The replacement is the same function with one
//    streaming TextDecoder per parsed part. It also closes the parser at the end of each part, so that XML
//    cut short is reported rather than read as far as it goes.
// 2. Its stream iterator (lib/utils/iterate-stream.js) stops at the 'end' event. unzipper's zip parser
//    emits 'end' itself as soon as its input is consumed, while entries it has already parsed may still
//    sit in its buffer (the iterator pauses the stream while exceljs reads an entry). Then the entries
//    after, say, the shared strings were never seen: no workbook.xml, and the import failed as a damaged
//    file — about one xlsx in 300 on a busy machine. The replacement reads the buffer to its end.
//
// Both must be in require's cache before exceljs itself loads, because exceljs binds them when its modules
// are first required; hence this module imports exceljs only after installing them.
// tests/unit/emenscr-parsing.test.ts guards both.
import { createRequire, Module } from "node:module";
import path from "node:path";

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const parseSaxPath = requireFromRoot.resolve("exceljs/lib/utils/parse-sax.js");
if (!requireFromRoot.cache[parseSaxPath]) {
  const { SaxesParser } = createRequire(parseSaxPath)("saxes") as {
    SaxesParser: new () => { on: (event: string, handler: (value: unknown) => void) => void; write: (text: string) => void; close: () => void };
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
    // The end of the part: a document cut short (unclosed tags) is an error, not a shorter sheet.
    parser.close();
    if (error) throw error;
    yield events;
  };
  const patched = new Module(parseSaxPath);
  patched.filename = parseSaxPath;
  patched.loaded = true;
  patched.exports = parseSax;
  requireFromRoot.cache[parseSaxPath] = patched;
}

const iterateStreamPath = requireFromRoot.resolve("exceljs/lib/utils/iterate-stream.js");
if (!requireFromRoot.cache[iterateStreamPath]) {
  // Node's own readable iterator reads what is buffered before it ends; on an early return (exceljs stops
  // reading a part once its root element closes) the stream is left alone, to be drained by exceljs.
  const iterateStream = (stream: NodeJS.ReadableStream & { iterator: (options: { destroyOnReturn: boolean }) => AsyncIterable<unknown> }) =>
    stream.iterator({ destroyOnReturn: false });
  const patched = new Module(iterateStreamPath);
  patched.filename = iterateStreamPath;
  patched.loaded = true;
  patched.exports = iterateStream;
  requireFromRoot.cache[iterateStreamPath] = patched;
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

/** exceljs' zip reader (unzipper's streaming parser): the archive exactly as exceljs will see it. */
export const unzipParse = createRequire(requireFromRoot.resolve("exceljs/lib/stream/xlsx/workbook-reader.js"))("unzipper").Parse as (options: {
  forceStream: true;
}) => NodeJS.ReadWriteStream;
/** The stream iterator exceljs uses (the fixed one above). */
export const iterateStream = requireFromRoot("exceljs/lib/utils/iterate-stream.js") as <T>(stream: NodeJS.ReadableStream) => AsyncIterable<T>;
