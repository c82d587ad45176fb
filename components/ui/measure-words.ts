import { getTranslations } from "next-intl/server";
import type { MeasureId } from "@/core/measures/catalogue";
import type { MeasureWords } from "./measure-views";

/** The words of the given measures, looked up on the server for a client component to show. */
export async function measureWords<Id extends MeasureId>(ids: readonly Id[]): Promise<Record<Id, MeasureWords>> {
  const t = await getTranslations("measures");
  return Object.fromEntries(
    ids.map((id: MeasureId) => {
      const name = t(`${id}.name`);
      return [id, { name, definition: t(`${id}.definition`), help: t("help", { name }) }];
    }),
  ) as Record<Id, MeasureWords>;
}
