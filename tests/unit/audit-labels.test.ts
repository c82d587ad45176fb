// Every action the audit log records has a label in Thai and English, so the log never shows a bare
// code such as "auth.sign_in" to a person. The actions are read from the source, as they are written.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { SUBMISSION_ACTIONS } from "@/core/assessments/enums";

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const recorded = new Set<string>(["submission.create", ...SUBMISSION_ACTIONS.filter((a) => a !== "save").map((a) => `submission.${a}`), "submission.save"]);
for (const file of [...sources("lib"), ...sources("app"), ...sources("scripts")]) {
  for (const m of readFileSync(path.join(root, file), "utf8").matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) recorded.add(m[1]!);
}

const label = (messages: { admin: { actionLabels: Record<string, Record<string, string>> } }, action: string) => {
  const [group, name] = action.split(".");
  return messages.admin.actionLabels[group!]?.[name!];
};

describe("audit log labels", () => {
  it("finds the actions the services record", () => {
    expect(recorded.has("auth.sign_in")).toBe(true);
    expect(recorded.size).toBeGreaterThan(30);
  });
  it.each([...recorded].sort())("labels %s in Thai and English", (action) => {
    expect(label(th, action), "th").toBeTruthy();
    expect(label(en, action), "en").toBeTruthy();
  });
});
