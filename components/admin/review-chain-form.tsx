"use client";

import { useTranslations } from "next-intl";
import { updateReviewChainAction } from "@/app/admin/review-chains/actions";
import { DGA_RETURN_TARGETS, INTERMEDIATE_LEVELS, type ReviewChain } from "@/core/assessments/review-chain";
import type { AgencyType } from "@/core/enums";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";

/** One agency type's chain: two choices and a save button, each agency type its own small form. */
export function ReviewChainForm({ agencyType, chain }: { agencyType: AgencyType; chain: ReviewChain }) {
  const t = useTranslations("reviewChains");
  const { state, formAction, pending, values } = useActionForm(updateReviewChainAction);
  const id = (name: string) => `chain-${agencyType}-${name}`;
  return (
    <form action={formAction} className="form-row">
      <input type="hidden" name="agencyType" value={agencyType} />
      <div className="field">
        <label htmlFor={id("intermediate")}>{t("intermediate")}</label>
        <select id={id("intermediate")} name="intermediate" defaultValue={values.intermediate ?? chain.intermediate} aria-describedby={id("intermediate-error")}>
          {INTERMEDIATE_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`level.${level}`)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="intermediate" id={id("intermediate-error")} namespace="reviewChains" />
      </div>
      <div className="field">
        <label htmlFor={id("return")}>{t("dgaReturnTo")}</label>
        <select id={id("return")} name="dgaReturnTo" defaultValue={values.dgaReturnTo ?? chain.dgaReturnTo} aria-describedby={id("return-error")}>
          {DGA_RETURN_TARGETS.map((target) => (
            <option key={target} value={target}>
              {t(`returnTo.${target}`)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="dgaReturnTo" id={id("return-error")} namespace="reviewChains" />
      </div>
      <button className="btn" disabled={pending}>
        {t("save")}
      </button>
      <ActionFeedback state={state} namespace="reviewChains" success={t("saved")} />
    </form>
  );
}
