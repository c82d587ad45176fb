"use client";

import { useTranslations } from "next-intl";
import { confirmTagsAction, routeRequestAction, updateRequestAction } from "@/app/asks/actions";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import type { AskSource, SupportRequestStatus } from "@/core/asks/enums";

export interface Choice {
  code: string;
  label: string;
}

interface AskKey {
  source: AskSource;
  sourceId: number;
}

/** The analyst confirms (or corrects) the suggested tags of one ask. */
export function ConfirmTagsForm({ ask, tags, checked }: { ask: AskKey; tags: Choice[]; checked: string[] }) {
  const t = useTranslations("asks");
  const { state, formAction, pending } = useActionForm(confirmTagsAction);
  const id = `tags-${ask.source}-${ask.sourceId}`;
  return (
    <form action={formAction} className="ask-form" key={state.status === "success" ? `${id}-ok` : id}>
      <input type="hidden" name="source" value={ask.source} />
      <input type="hidden" name="sourceId" value={ask.sourceId} />
      <fieldset aria-describedby={`${id}-error`}>
        <legend>{t("tagsLegend")}</legend>
        <div className="ask-tag-choices">
          {tags.map((tag) => (
            <label key={tag.code} className="assess-choice">
              <input type="checkbox" name="tags" value={tag.code} defaultChecked={checked.includes(tag.code)} />
              <span>{tag.label}</span>
            </label>
          ))}
        </div>
        <FieldError state={state} name="tags" id={`${id}-error`} namespace="asks" />
      </fieldset>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {t("confirmTags")}
      </button>
      <ActionFeedback state={state} namespace="asks" success={t("tagsConfirmed")} />
    </form>
  );
}

/** Routes the ask to a DGA unit as a support request (or moves an open request to another unit). */
export function RouteRequestForm({ ask, units, current }: { ask: AskKey; units: Choice[]; current: string | null }) {
  const t = useTranslations("asks");
  const { state, formAction, pending } = useActionForm(routeRequestAction);
  const id = `route-${ask.source}-${ask.sourceId}`;
  return (
    <form action={formAction} className="ask-form ask-form--inline">
      <input type="hidden" name="source" value={ask.source} />
      <input type="hidden" name="sourceId" value={ask.sourceId} />
      <div className="field">
        <label htmlFor={id}>{t("unit")}</label>
        <select id={id} name="unitCode" defaultValue={current ?? ""} aria-describedby={`${id}-error`}>
          <option value="">{t("chooseUnit")}</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.label}
            </option>
          ))}
        </select>
        <FieldError state={state} name="unitCode" id={`${id}-error`} namespace="asks" />
      </div>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {current ? t("reroute") : t("route")}
      </button>
      <ActionFeedback state={state} namespace="asks" success={t("routed")} />
    </form>
  );
}

/** Moves a support request on; answering needs the answer the agency will read. */
export function RequestStatusForm({ requestId, version, status }: { requestId: number; version: number; status: SupportRequestStatus }) {
  const t = useTranslations("asks");
  const tStatus = useTranslations("asks.status");
  const { state, formAction, pending, values } = useActionForm(updateRequestAction);
  const id = `request-${requestId}`;
  const next: SupportRequestStatus[] = status === "received" ? ["in_progress", "answered"] : ["answered"];
  return (
    <form action={formAction} className="ask-form" key={state.status === "error" ? `${id}-${JSON.stringify(values)}` : `${id}-${version}`}>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("newStatus")}</label>
        <select id={`${id}-status`} name="status" defaultValue={values.status ?? "answered"} aria-describedby={`${id}-status-error`}>
          {next.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="status" id={`${id}-status-error`} namespace="asks" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-answer`}>{t("answer")}</label>
        <textarea id={`${id}-answer`} name="answer" rows={3} defaultValue={values.answer ?? ""} aria-describedby={`${id}-answer-error ${id}-answer-hint`} />
        <p className="muted" id={`${id}-answer-hint`}>
          {t("answerHint")}
        </p>
        <FieldError state={state} name="answer" id={`${id}-answer-error`} namespace="asks" />
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("saveRequest")}
      </button>
      <ActionFeedback state={state} namespace="asks" success={t("requestSaved")} />
    </form>
  );
}
