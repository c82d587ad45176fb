import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminSectionsFor } from "@/lib/auth/navigation";
import { requireActor } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminIndex"))("title") };
}

/** The one navigation entry for administration: the pages this role may open, each explained. */
export default async function AdminIndexPage() {
  const actor = await requireActor();
  const sections = adminSectionsFor(actor);
  if (!sections.length) forbidden();
  const [t, tNav] = await Promise.all([getTranslations("adminIndex"), getTranslations("nav")]);
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
      />
      <ul className="admin-index">
        {sections.map((s) => (
          <li key={s.href} className="card">
            <h2>
              <Link href={s.href}>{tNav(s.key)}</Link>
            </h2>
            <p className="muted">{t(`descriptions.${s.key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
