"use client";

import { useTranslations } from "next-intl";
import { savePreferencesAction } from "@/app/settings/notifications/actions";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { DELIVERY_MODES, NOTIFICATION_GROUPS, type DeliveryMode, type NotificationGroup } from "@/core/notifications/preferences";

/** One radio group per kind of news: at once, in the daily digest, or no e-mail. */
export function PreferencesForm({ current }: { current: Record<NotificationGroup, DeliveryMode> }) {
  const t = useTranslations("notificationSettings");
  const { state, formAction, pending, values } = useActionForm(savePreferencesAction);
  return (
    <form action={formAction} className="card" key={state.status === "error" ? JSON.stringify(values) : "prefs"}>
      {NOTIFICATION_GROUPS.map((group) => (
        <fieldset key={group} className="preference-group" aria-describedby={`${group}-hint ${group}-error`}>
          <legend>{t(`groups.${group}.label`)}</legend>
          <p className="muted" id={`${group}-hint`}>
            {t(`groups.${group}.hint`)}
          </p>
          <div className="preference-modes">
            {DELIVERY_MODES.map((mode) => (
              <label key={mode} className="assess-choice">
                <input type="radio" name={group} value={mode} defaultChecked={(values[group] ?? current[group]) === mode} />
                <span>{t(`modes.${mode}`)}</span>
              </label>
            ))}
          </div>
          <FieldError state={state} name={group} id={`${group}-error`} namespace="notificationSettings" />
        </fieldset>
      ))}
      <button type="submit" className="btn" disabled={pending}>
        {t("save")}
      </button>
      <ActionFeedback state={state} namespace="notificationSettings" success={t("saved")} />
    </form>
  );
}
