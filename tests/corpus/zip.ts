// A small zip writer for the bad-input corpus: the archives exceljs would never write — entries that inflate
// to hundreds of megabytes from a few kilobytes, sizes that lie, entries in an unusual order. Nothing here
// is read by the app; it only makes samples.
import { crc32, deflateRawSync, constants } from "node:zlib";

/** Content repeated `times` times between a head and a tail, without ever holding it whole in memory. */
export interface RepeatedContent {
  head?: string;
  repeat: string;
  times: number;
  tail?: string;
}

export interface ZipEntry {
  name: string;
  content: string | Buffer | RepeatedContent;
  /** Store uncompressed instead of deflating. */
  stored?: boolean;
  /** Write this as the uncompressed size in the headers instead of the true one (a lying archive). */
  declaredSize?: number;
}

function isRepeated(content: ZipEntry["content"]): content is RepeatedContent {
  return typeof content === "object" && !Buffer.isBuffer(content);
}

/**
 * Deflates `repeat` once as a byte-aligned block with a full flush (which resets the compressor's
 * window), so the same compressed bytes can simply be written `times` times: a 1 MB block of XML
 * repeated 300 times costs a few kilobytes and no time, and inflates to 300 MB.
 */
function deflateRepeated({ head = "", repeat, times, tail = "" }: RepeatedContent): { data: Buffer; size: number; crc: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9, memLevel: 9 };
  const headBytes = Buffer.from(head);
  const block = Buffer.from(repeat);
  const tailBytes = Buffer.from(tail);
  const parts = [deflateRawSync(headBytes, flush)];
  const compressedBlock = deflateRawSync(block, flush);
  for (let i = 0; i < times; i++) parts.push(compressedBlock);
  parts.push(deflateRawSync(tailBytes));
  let crc = crc32(headBytes);
  for (let i = 0; i < times; i++) crc = crc32(block, crc);
  crc = crc32(tailBytes, crc);
  return { data: Buffer.concat(parts), size: headBytes.length + block.length * times + tailBytes.length, crc };
}

/** The archive's bytes: local headers and data in entry order, then the central directory. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    let data: Buffer;
    let size: number;
    let crc: number;
    let method = entry.stored ? 0 : 8;
    if (isRepeated(entry.content)) {
      ({ data, size, crc } = deflateRepeated(entry.content));
      method = 8;
    } else {
      const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, "utf8");
      size = raw.length;
      crc = crc32(raw);
      data = entry.stored ? raw : deflateRawSync(raw);
    }
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, data);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
