import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { countPendingDigest } from "@/lib/notifications/digest";
import { getPreferences } from "@/lib/notifications/preferences";
import { PageHeader } from "@/components/ui/page-header";
import { PreferencesForm } from "@/components/asks/preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettings"))("title") };
}

/** The signed-in user's own e-mail preferences: at once, in the daily digest, or none, per kind of news. */
export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  const [t, current, pending] = await Promise.all([getTranslations("notificationSettings"), getPreferences(actor.id), countPendingDigest(actor.id)]);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="muted">{t("pending", { count: pending })}</p>
      <PreferencesForm current={current} />
    </div>
  );
}
