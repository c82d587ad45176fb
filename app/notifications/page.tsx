import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listNotifications } from "@/db/queries/notifications";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/core/format/thai";
import { renderNotification } from "@/lib/notifications/notify";
import { toLocale } from "@/i18n/locale";
import { MarkAllReadButton } from "@/components/assessments/mark-all-read";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage() {
  const actor = await requireActor();
  const [t, locale, rows] = await Promise.all([getTranslations("notifications"), getLocale().then(toLocale), listNotifications(actor)]);
  const unread = rows.filter((r) => !r.readAt).length;
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <>
            <Link className="btn btn--secondary" href="/settings/notifications">
              {t("settings")}
            </Link>
            {unread > 0 && <MarkAllReadButton label={t("markAllRead")} />}
          </>
        }
      />
      {rows.length ? (
        <ul className="card plain-list notification-list">
          {rows.map((n) => {
            const { title, body } = renderNotification(locale, n.kind, n.payload);
            const path = typeof n.payload.path === "string" && n.payload.path.startsWith("/") ? n.payload.path : null;
            return (
              <li key={n.id} className={n.readAt ? "" : "notification--unread"}>
                <strong>{title}</strong> {!n.readAt && <span className="tag">{t("unread")}</span>}
                <p>{body}</p>
                <span className="muted">{formatDateTime(n.createdAt, locale)}</span> {path && <Link href={path}>{t("open")}</Link>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="card empty">{t("empty")}</p>
      )}
    </div>
  );
}
