import { getTranslations } from "next-intl/server";
import type { AskRow } from "@/db/queries/asks";
import { LazyDetails } from "@/components/ui/lazy-details";
import { ConfirmTagsForm, RequestStatusForm, RouteRequestForm, type Choice } from "./ask-forms";

/**
 * The analyst's three forms on one ask: confirm its tags, route it to a unit, move and answer its request.
 * Folded, and drawn when unfolded: a page of twenty asks would otherwise carry sixty forms.
 */
export async function AskActions({ ask, shownTags, tags, units }: { ask: AskRow; shownTags: string[]; tags: Choice[]; units: Choice[] }) {
  const t = await getTranslations("asks");
  return (
    <LazyDetails className="ask-actions" summary={t("actOn")}>
      <ConfirmTagsForm ask={ask} tags={tags} checked={shownTags} />
      {ask.request?.status !== "answered" && <RouteRequestForm ask={ask} units={units} current={ask.request?.unitCode ?? null} />}
      {ask.request && ask.request.status !== "answered" && <RequestStatusForm requestId={ask.request.id} version={ask.request.version} status={ask.request.status} />}
    </LazyDetails>
  );
}
