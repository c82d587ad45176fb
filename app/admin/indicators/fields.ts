import "server-only";
import { getTranslations } from "next-intl/server";
import type { CatalogueField } from "@/components/admin/catalogue-form";
import type { listCatalogueChoices } from "@/db/queries/catalogue";
import { formatPeriod } from "@/core/format/thai";
import { AGGREGATIONS, INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES, VALUE_TYPES, type Locale } from "@/core/enums";
import { pickName } from "@/i18n/pick";
import { todayInBangkok } from "@/core/fiscal/calendar";

type Choices = Awaited<ReturnType<typeof listCatalogueChoices>>;
type Values = Record<string, unknown>;

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** The dictionary fields of an indicator (edited in place: none changes what a past figure means). */
export async function dictionaryFields(choices: Choices, locale: Locale, v: Values = {}): Promise<CatalogueField[]> {
  const [t, tFreq] = await Promise.all([getTranslations("catalogue"), getTranslations("enums.frequency")]);
  return [
    { name: "nameTh", label: t("fields.nameTh"), required: true, defaultValue: str(v.nameTh), lang: "th" },
    { name: "nameEn", label: t("fields.nameEn"), required: true, defaultValue: str(v.nameEn), lang: "en" },
    {
      name: "componentCode",
      label: t("fields.component"),
      kind: "select",
      required: true,
      defaultValue: str(v.componentCode),
      options: choices.components.map((c) => ({ value: c.code, label: pickName(locale, c) })),
    },
    {
      name: "serviceCode",
      label: t("fields.platform"),
      kind: "select",
      defaultValue: str(v.serviceCode),
      options: choices.services.map((s) => ({ value: s.code, label: pickName(locale, s) })),
    },
    { name: "weight", label: t("fields.weight"), defaultValue: str(v.weight ?? "1"), inputMode: "decimal" },
    { name: "frequency", label: t("fields.frequency"), kind: "select", required: true, defaultValue: str(v.frequency ?? "quarterly"), options: INDICATOR_FREQUENCIES.map((f) => ({ value: f, label: tFreq(f) })) },
    { name: "formulaTh", label: t("fields.formulaTh"), kind: "textarea", defaultValue: str(v.formulaTh), lang: "th" },
    { name: "formulaEn", label: t("fields.formulaEn"), kind: "textarea", defaultValue: str(v.formulaEn), lang: "en" },
    { name: "baselineValue", label: t("fields.baselineValue"), defaultValue: str(v.baselineValue), inputMode: "decimal" },
    { name: "baselineYear", label: t("fields.baselineYear"), defaultValue: str(v.baselineYear), inputMode: "numeric", hint: t("hints.baselineYear") },
    { name: "dataOwnerCode", label: t("fields.dataOwner"), defaultValue: str(v.dataOwnerCode), hint: t("hints.agencyCode") },
    { name: "dataSourceTh", label: t("fields.dataSourceTh"), kind: "textarea", defaultValue: str(v.dataSourceTh), lang: "th" },
    { name: "dataSourceEn", label: t("fields.dataSourceEn"), kind: "textarea", defaultValue: str(v.dataSourceEn), lang: "en" },
    { name: "thresholdsTh", label: t("fields.thresholdsTh"), kind: "textarea", defaultValue: str(v.thresholdsTh), lang: "th" },
    { name: "thresholdsEn", label: t("fields.thresholdsEn"), kind: "textarea", defaultValue: str(v.thresholdsEn), lang: "en" },
  ];
}

/** The versioned fields: a change starts a new version from a quarter. */
export async function definitionFields(v: Values = {}): Promise<CatalogueField[]> {
  const [t, tDir, tAgg] = await Promise.all([getTranslations("catalogue"), getTranslations("enums.direction"), getTranslations("enums.aggregation")]);
  return [
    { name: "definitionTh", label: t("fields.definitionTh"), kind: "textarea", required: true, defaultValue: str(v.definitionTh), lang: "th" },
    { name: "definitionEn", label: t("fields.definitionEn"), kind: "textarea", required: true, defaultValue: str(v.definitionEn), lang: "en" },
    { name: "unitTh", label: t("fields.unitTh"), required: true, defaultValue: str(v.unitTh), lang: "th" },
    { name: "unitEn", label: t("fields.unitEn"), required: true, defaultValue: str(v.unitEn), lang: "en" },
    { name: "direction", label: t("fields.direction"), kind: "select", required: true, defaultValue: str(v.direction ?? "higher"), options: INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: tDir(d) })) },
    { name: "aggregation", label: t("fields.aggregation"), kind: "select", required: true, defaultValue: str(v.aggregation ?? "mean"), options: AGGREGATIONS.map((a) => ({ value: a, label: tAgg(a) })) },
  ];
}

export async function valueTypeField(): Promise<CatalogueField> {
  const [t, tType] = await Promise.all([getTranslations("catalogue"), getTranslations("enums.valueType")]);
  return { name: "valueType", label: t("fields.valueType"), kind: "select", required: true, defaultValue: "number", options: VALUE_TYPES.map((v) => ({ value: v, label: tType(v) })) };
}

/** The quarters a new version may start from: open ones and those not begun yet (the service re-checks figures). */
export async function effectiveFromField(choices: Choices, locale: Locale): Promise<CatalogueField> {
  const t = await getTranslations("catalogue");
  const today = todayInBangkok();
  const open = choices.periods.filter((p) => p.status === "open" || p.startsOn > today);
  return {
    name: "effectiveFrom",
    label: t("fields.effectiveFrom"),
    kind: "select",
    required: true,
    defaultValue: open.find((p) => p.startsOn > today)?.code ?? open.at(-1)?.code ?? "",
    options: open.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale) })),
    hint: t("hints.effectiveFrom"),
  };
}
