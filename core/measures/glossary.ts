// The measures' words in one language, outside React: the reports' definitions section and the API
// read them from the same messages as the "?" beside each figure on screen.
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/core/enums";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { MEASURE_IDS, MEASURES, type MeasureId, type MeasureUnit } from "./catalogue";

export interface MeasureDefinition {
  id: MeasureId;
  unit: MeasureUnit;
  name: string;
  definition: string;
}

const MESSAGES = { th, en } as const;

export function measureGlossary(locale: Locale): MeasureDefinition[] {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "measures" });
  return MEASURE_IDS.map((id) => ({ id, unit: MEASURES[id].unit, name: t(`${id}.name`), definition: t(`${id}.definition`) }));
}
