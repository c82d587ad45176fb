import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { AskRow } from "@/db/queries/asks";
import type { Locale } from "@/core/enums";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { suggestTags, type TagKeywords } from "@/core/asks/tags";

export interface TagInfo extends TagKeywords {
  nameTh: string;
  nameEn: string;
}

/**
 * Asks as cards: who asked, in which component, the text as written, its tags (confirmed, or suggested and
 * marked so), and its support request with the answer. `actions`: what DGA's analysts may do with each
 * (the /asks page's forms; nothing on an agency's profile, which therefore sends no form code to the browser).
 */
export async function AskList({ rows, tags, locale, showAgency, actions }: { rows: AskRow[]; tags: TagInfo[]; locale: Locale; showAgency: boolean; actions?: (ask: AskRow, shownTags: string[]) => ReactNode }) {
  const [t, tSource, tStatus] = await Promise.all([getTranslations("asks"), getTranslations("asks.sources"), getTranslations("asks.status")]);
  const tagName = new Map(tags.map((tag) => [tag.code, pick(locale, tag.nameTh, tag.nameEn)]));
  return (
    <ul className="plain-list ask-list">
      {rows.map((ask) => {
        const suggested = suggestTags(ask.text, tags);
        const confirmed = ask.confirmedTags;
        const shown = confirmed ?? suggested;
        const key = `${ask.source}-${ask.sourceId}`;
        return (
          <li key={key} className="card ask-card">
            <p className="ask-meta">
              {showAgency && <strong>{pick(locale, ask.agencyNameTh, ask.agencyNameEn)}</strong>} {showAgency && "· "}
              {ask.componentNameTh ? pick(locale, ask.componentNameTh, ask.componentNameEn) : t("noComponent")} · {tSource(ask.source)}
              {ask.projectCode && (
                <>
                  {" "}
                  · <code>{ask.projectCode}</code>
                </>
              )}{" "}
              · {formatPeriod(ask.periodCode, locale, "short")}
            </p>
            <blockquote className="ask-text" lang="th">
              {ask.text}
            </blockquote>
            <p className="ask-tags">
              <span className="muted">{confirmed ? t("tagsConfirmedLabel") : t("tagsSuggestedLabel")}</span>{" "}
              {shown.length ? shown.map((code) => <span key={code} className={confirmed ? "tag" : "tag tag--suggested"}>{tagName.get(code) ?? code}</span>) : <span className="muted">–</span>}
            </p>
            {ask.request ? (
              <div className="ask-request">
                <p>
                  <span className="muted">{t("requestTo")}</span> <strong>{pick(locale, ask.request.unitNameTh, ask.request.unitNameEn)}</strong> · <span className={`tag tag--request-${ask.request.status}`}>{tStatus(ask.request.status)}</span>
                </p>
                {ask.request.answer && (
                  <div className="ask-answer">
                    <p className="muted">
                      {t("answerFromDga")} {ask.request.answeredAt && formatDate(new Date(ask.request.answeredAt), locale)}
                    </p>
                    <p>{ask.request.answer}</p>
                  </div>
                )}
              </div>
            ) : (
              <p className="muted">{t("notRouted")}</p>
            )}
            {actions?.(ask, shown)}
          </li>
        );
      })}
    </ul>
  );
}
