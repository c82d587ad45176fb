"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { mapAgencyAliasAction } from "@/app/imports/actions";
import { useActionForm } from "@/components/ui/action-form";
import type { UnmatchedAgency } from "@/lib/emenscr/import-service";

export interface AgencyChoice {
  id: number;
  code: string;
  name: string;
}

/** One unmatched agency of the file and the form that maps it to a known agency (suggestions first). */
export function UnmatchedRow({ unmatched, agencies }: { unmatched: UnmatchedAgency; agencies: AgencyChoice[] }) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const id = useId();
  const { state, formAction, pending } = useActionForm(mapAgencyAliasAction);
  const suggested = new Set(unmatched.suggestions.map((s) => s.agencyId));
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
            <label htmlFor={`${id}-agency`} className="visually-hidden">
              {t("preview.mapTo")} {rawText}
            </label>
            <select id={`${id}-agency`} name="agencyId" required defaultValue={unmatched.suggestions[0]?.agencyId ?? ""} aria-describedby={`${id}-error`}>
              <option value="">{t("preview.chooseAgency")}</option>
              {unmatched.suggestions.map((s) => (
                <option key={`s${s.agencyId}`} value={s.agencyId}>
                  {s.code} {s.nameTh} — {t("preview.suggested", { score: Math.round(s.score * 100) + "%" })}
                </option>
              ))}
              {agencies
                .filter((a) => !suggested.has(a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.code} {a.name}
                  </option>
                ))}
            </select>
            <button type="submit" className="btn btn--secondary" disabled={pending}>
              {t("preview.mapButton")}
            </button>
            <span id={`${id}-error`} className="field-error" aria-live="polite">
              {state.status === "error" ? (tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : ""}
            </span>
          </form>
        )}
      </td>
    </tr>
  );
}
