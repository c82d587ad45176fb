import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadReviewChains } from "@/db/queries/review-levels";
import { AGENCY_TYPES } from "@/core/enums";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ReviewChainForm } from "@/components/admin/review-chain-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reviewChains"))("title") };
}

/** Which level reviews each agency type's submissions before DGA, and where a DGA return goes. */
export default async function ReviewChainsPage() {
  await requirePermission("admin.review_chains");
  const [t, tType, chains] = await Promise.all([getTranslations("reviewChains"), getTranslations("enums.agencyType"), loadReviewChains()]);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <ul className="plain-list review-chains">
        {AGENCY_TYPES.map((type) => (
          <li key={type} className="card">
            <h2>{tType(type)}</h2>
            <ReviewChainForm agencyType={type} chain={chains[type]} />
          </li>
        ))}
      </ul>
    </div>
  );
}
