// Sends deadline reminders to agencies that have not submitted and notices of overdue follow-up cases,
// then writes the daily digests and delivers queued emails (SMTP_URL, or the log when unset). Run daily, e.g. from cron: `npm run reminders`. `--date=YYYY-MM-DD` simulates a day.
import { closeDb } from "@/db/client";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { notifyOverdueCases } from "@/lib/flags/notices";
import { deliverOutbox } from "@/lib/notifications/outbox";
import { runReminders } from "@/lib/notifications/reminders";
import { runDailyDigest } from "@/lib/notifications/digest";
import { migrateConfiguredDatabase, reportFatal } from "./migrate";

async function main() {
  const dateArg = process.argv.find((a) => a.startsWith("--date="))?.slice("--date=".length);
  if (dateArg && !/^\d{4}-\d{2}-\d{2}$/.test(dateArg)) throw new Error(`--date must be YYYY-MM-DD (got ${dateArg})`);
  const today = dateArg ?? todayInBangkok();
  await migrateConfiguredDatabase();
  const reminders = await runReminders(today);
  console.log(`Reminders for ${today}: ${reminders.missing} missing submissions, ${reminders.notifications} new notifications.`);
  const cases = await notifyOverdueCases(today);
  console.log(`Follow-up cases past their due date: ${cases.overdue}, ${cases.notifications} new notifications.`);
  const digest = await runDailyDigest({ today });
  console.log(`Daily digest: ${digest.users} users, ${digest.notices} notices gathered.`);
  const mail = await deliverOutbox();
  console.log(`Email: ${mail.sent} sent, ${mail.logged} logged (SMTP_URL unset), ${mail.failed} failed.`);
}

main()
  .then(() => closeDb())
  .catch(reportFatal);
