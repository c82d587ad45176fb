import { useTranslations } from "next-intl";
import type { MeasureId } from "@/core/measures/catalogue";

/** A measure's name, as the catalogue words it (messages measures.<id>.name). */
export function MeasureName({ id }: { id: MeasureId }) {
  const t = useTranslations("measures");
  return <>{t(`${id}.name`)}</>;
}

/**
 * A "?" beside a figure that opens the measure's definition (core/measures/catalogue.ts): a native
 * disclosure, so it works with the keyboard and without script.
 */
export function MeasureHelp({ id }: { id: MeasureId }) {
  const t = useTranslations("measures");
  return (
    <details className="measure-help">
      <summary>
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">{t("help", { name: t(`${id}.name`) })}</span>
      </summary>
      <p>{t(`${id}.definition`)}</p>
    </details>
  );
}

/** A label with its definition at hand. */
export function MeasureLabel({ id }: { id: MeasureId }) {
  return (
    <span className="measure-label">
      <MeasureName id={id} /> <MeasureHelp id={id} />
    </span>
  );
}

/** Where a measure's definition stands in the page's glossary: `#measure-<id>` links open it there. */
const glossaryEntryId = (id: MeasureId) => `measure-${id}`;

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
