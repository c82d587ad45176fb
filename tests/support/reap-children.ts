// Vitest setup file: whatever child process a test started is ended with its process group when the
// test ends (passed, failed or timed out), and whatever a file's hooks started when the file ends.
import { afterAll, afterEach, beforeEach } from "vitest";
import { childrenMark, reapChildren } from "./child-processes";

let testMark = 0;
beforeEach(() => {
  testMark = childrenMark();
});
afterEach(() => reapChildren(testMark));
afterAll(() => reapChildren());
