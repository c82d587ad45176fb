"use client";

import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { Field } from "@/components/ui/field";
import type { WizardChoices } from "./use-import-wizard";

interface Props {
  choices: WizardChoices;
  periods: string[];
  profiles: { id: number; name: string }[];
  limitLabel: string;
  busy: boolean;
  fileError: string;
  periodError: string;
  onChoose: (choices: Partial<WizardChoices>) => void;
  onFile: (file: File | null) => void;
  onSubmit: () => void;
}

/** Step 1: the file, its reporting period, sheet and mapping profile. */
export function UploadStep({ choices, periods, profiles, limitLabel, busy, fileError, periodError, onChoose, onFile, onSubmit }: Props) {
  const t = useTranslations("imports");
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form onSubmit={submit} noValidate className="import-form">
      <Field id="import-file" label={t("upload.file")} hint={t("upload.fileHint", { limit: limitLabel })} error={fileError}>
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => onFile(e.target.files?.[0] ?? null)}
            disabled={busy}
          />
        )}
      </Field>
      <div className="import-form__row">
        <Field id="import-period" label={t("upload.period")} hint={t("upload.periodHint")} error={periodError} invalid={false}>
          {(control) => (
            <select {...control} name="period" value={choices.period} onChange={(e) => onChoose({ period: e.target.value })} disabled={busy}>
              <option value="">{t("upload.periodAuto")}</option>
              {periods.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="import-sheet" label={t("upload.sheet")} hint={t("upload.sheetHint")}>
          {(control) => <input {...control} name="sheet" type="text" value={choices.sheet} maxLength={100} onChange={(e) => onChoose({ sheet: e.target.value })} disabled={busy} />}
        </Field>
        <Field id="import-profile" label={t("upload.profile")}>
          {(control) => (
            <select {...control} name="profileId" value={choices.profileId} onChange={(e) => onChoose({ profileId: e.target.value })} disabled={busy}>
              <option value="">{t("upload.noProfile")}</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="btn" disabled={busy}>
        {t("upload.submit")}
      </button>
    </form>
  );
}
