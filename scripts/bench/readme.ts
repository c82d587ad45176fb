// The bench scripts' figures in README.md: the text between <!-- bench:NAME:start --> and <!-- bench:NAME:end -->.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Replaces the block of the named bench in README.md, or appends it when the markers are not there yet. */
export function writeReadmeBlock(name: string, text: string): void {
  const file = path.join(process.cwd(), "README.md");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const readme = readFileSync(file, "utf8");
  const block = `${start}\n${text}\n${end}`;
  const at = readme.indexOf(start);
  const until = readme.indexOf(end);
  const next = at >= 0 && until > at ? readme.slice(0, at) + block + readme.slice(until + end.length) : `${readme.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  console.log(`README.md updated (bench:${name}).`);
}
