// The map's words in one language, outside React: the same messages as the /map page, so the map
// printed in the quarterly report (in the report's language) and the benchmark say what the page says.
import { createTranslator } from "use-intl/core";
import { DGA_ROLES, type Locale } from "@/core/enums";
import { formatPoints } from "@/core/format/figure";
import { formatNumber } from "@/core/format/thai";
import { STATUSES } from "@/core/scoring";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import type { MapWords } from "./map-graph";

const MESSAGES = { th, en } as const;

export function mapWordsFor(locale: Locale): MapWords {
  const messages = MESSAGES[locale];
  const t = createTranslator({ locale, messages, namespace: "map.words" });
  const tStatus = createTranslator({ locale, messages, namespace: "dashboard.status" });
  const tRole = createTranslator({ locale, messages, namespace: "enums.dgaRole" });
  const tReason = createTranslator({ locale, messages, namespace: "dashboard.reason" });
  const n = (value: number) => formatNumber(value, locale);
  return {
    status: Object.fromEntries(STATUSES.map((s) => [s, tStatus(s)])) as MapWords["status"],
    role: Object.fromEntries(DGA_ROLES.map((r) => [r, tRole(r)])) as MapWords["role"],
    noRole: t("noRole"),
    dga: t("dga"),
    dgaDetail: t("dgaDetail"),
    componentDetail: (c) => {
      const reason =
        c.score === null
          ? tReason("componentNoData")
          : tReason("component", { score: formatPoints(c.score, locale), green: c.counts.green, total: c.counts.green + c.counts.amber + c.counts.red, amber: c.counts.amber, red: c.counts.red });
      return `${reason} · ${t("agencies", { count: c.agencyCount, n: n(c.agencyCount) })}`;
    },
    elementDetail: (platforms) => t("elementDetail", { count: platforms, n: n(platforms) }),
    platformDetail: (p) => t("platformDetail", { channel: p.channel, owner: p.ownerName ?? "–", kpis: p.kpiCount, n: n(p.kpiCount) }),
    agencies: (count) => t("agencies", { count, n: n(count) }),
    agenciesDetail: (count) => t("agenciesDetail", { count, n: n(count) }),
    showAgencies: t("showAgencies"),
    hideAgencies: t("hideAgencies"),
    agencyDetail: (role) => t("agencyDetail", { role }),
    more: (count) => t("more", { count, n: n(count) }),
    roleOf: (role) => t("roleOf", { role }),
    valueChain: t("valueChain"),
    enablers: t("enablers"),
  };
}
