"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { mapAgencyAliasAction } from "@/app/imports/actions";
import { AgencyPicker } from "@/components/forms/agency-picker";
import { useActionForm } from "@/components/ui/use-action-form";
import type { UnmatchedAgency } from "@/lib/emenscr/import-service";

/** One unmatched agency of the file and the form that maps it to a known agency (the best suggestion first, any by searching). */
export function UnmatchedRow({ unmatched }: { unmatched: UnmatchedAgency }) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const id = useId();
  const { state, formAction, pending } = useActionForm(mapAgencyAliasAction);
  const suggestions = unmatched.suggestions.map((s) => ({
    value: String(s.agencyId),
    label: `${s.code} ${s.nameTh} — ${t("preview.suggested", { score: Math.round(s.score * 100) + "%" })}`,
  }));
  const rawText = unmatched.rawName ?? unmatched.rawCode ?? "";
  return (
    <tr>
      <td>{unmatched.rawName ?? "–"}</td>
      <td>{unmatched.rawCode ?? "–"}</td>
      <td className="num">{unmatched.rows}</td>
      <td>
        {state.status === "success" ? (
          <span role="status">{t("preview.mapped", { count: state.data.linkedProjects })}</span>
        ) : (
          <form action={formAction} className="import-map-form">
            <input type="hidden" name="rawText" value={rawText} />
            <AgencyPicker
              id={`${id}-agency`}
              name="agencyId"
              valueKey="id"
              label={`${t("preview.mapTo")} ${rawText}`}
              labelClassName="visually-hidden"
              className="field picker--inline"
              initial={suggestions[0] ?? null}
              suggestions={suggestions}
              error={state.status === "error" ? (tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : ""}
              required
            />
            <button type="submit" className="btn btn--secondary" disabled={pending}>
              {t("preview.mapButton")}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
