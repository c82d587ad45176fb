import { useTranslations } from "next-intl";
import type { MeasureId } from "@/core/measures/catalogue";
import { glossaryEntryId, MeasureLabelView, type MeasureWords } from "./measure-views";

function useMeasureWords(id: MeasureId): MeasureWords {
  const t = useTranslations("measures");
  const name = t(`${id}.name`);
  return { name, definition: t(`${id}.definition`), help: t("help", { name }) };
}

/** A measure's name, as the catalogue words it (messages measures.<id>.name). */
export function MeasureName({ id }: { id: MeasureId }) {
  return <>{useMeasureWords(id).name}</>;
}

/** MeasureLabelView with the words looked up in the catalogue. */
export function MeasureLabel({ id }: { id: MeasureId }) {
  return <MeasureLabelView words={useMeasureWords(id)} />;
}

/** The definitions of the measures a group of cards shows, once; following a "?" link opens it there. */
export function MeasureGlossary({ ids }: { ids: MeasureId[] }) {
  const t = useTranslations("measures");
  return (
    <details className="measure-glossary">
      <summary>{t("glossary")}</summary>
      <dl>
        {ids.map((id) => (
          <div key={id} id={glossaryEntryId(id)}>
            <dt>{t(`${id}.name`)}</dt>
            <dd>{t(`${id}.definition`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
