import { expect } from "@playwright/test";
import type { CapturedMail } from "../../tests/support/mail";
import { currentServer } from "./env";

/** Every e-mail this test's e2e server has sent so far (e2e/support/mail-catcher.ts). */
export async function receivedMail(): Promise<CapturedMail[]> {
  const response = await fetch(`http://127.0.0.1:${currentServer().mailHttpPort}/mail`);
  return (await response.json()) as CapturedMail[];
}

/** Waits for the next e-mail to this address whose subject matches (mail is delivered by the app's e-mail job). */
export async function waitForMail(to: string, subject: RegExp, options: { after?: number } = {}): Promise<CapturedMail> {
  let found: CapturedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await receivedMail()).slice(options.after ?? 0).find((m) => m.to.includes(to) && subject.test(m.subject));
        return Boolean(found);
      },
      { message: `an e-mail to ${to} matching ${subject}`, timeout: 90_000 },
    )
    .toBe(true);
  return found!;
}
