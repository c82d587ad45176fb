import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getAgencyForAdmin } from "@/db/queries/admin-agencies";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { AgencyActiveToggle, AgencyForm, ComponentTagForm } from "@/components/admin/agency-forms";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("editAgency") };
}

export default async function AdminAgencyPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePermission("admin.master_data");
  const { code } = await params;
  let data: Awaited<ReturnType<typeof getAgencyForAdmin>>;
  try {
    data = await getAgencyForAdmin(actor, parseCodeParam(code, "agency"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, locale] = await Promise.all([getTranslations("masterData"), getLocale().then(toLocale)]);
  const { agency } = data;
  return (
    <div className="page">
      <p>
        <Link href="/admin/agencies">{t("agenciesTitle")}</Link>
      </p>
      <PageHeader
        title={pickName(locale, agency)}
        intro={<><code>{agency.code}</code> · {agency.active ? t("active") : t("inactive")}</>}
        actions={<AgencyActiveToggle agencyId={agency.id} code={agency.code} active={agency.active} />}
      />
      <AgencyForm
        initial={{ ...agency, parentCode: data.parentCode }}
        parent={data.parentCode ? { value: data.parentCode, label: `${data.parentCode} ${pick(locale, data.parentNameTh ?? "", data.parentNameEn)}` } : null}
      />
      <section className="section card" aria-labelledby="tags-heading">
        <h2 id="tags-heading">{t("componentTags")}</h2>
        <p className="field-hint">{t("componentTagsHint")}</p>
        <table className="data">
          <tbody>
            {data.components.map((c) => (
              <tr key={c.code}>
                <th scope="row">{pickName(locale, c)}</th>
                <td>
                  <ComponentTagForm agencyId={agency.id} code={agency.code} componentCode={c.code} label={pickName(locale, c)} dgaRole={c.dgaRole} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
