import type { MeasureId } from "@/core/measures/catalogue";

/**
 * A measure's words as the catalogue has them (messages measures.<id>): what a client component is
 * handed (components/ui/measure-words.ts) so it needs no part of the catalogue itself. These views take the words
 * and look nothing up; measure-help.tsx has the ones that look them up.
 */
export interface MeasureWords {
  name: string;
  definition: string;
  /** The "?" button's accessible name: "What … means". */
  help: string;
}

/**
 * A "?" beside a figure that opens the measure's definition (core/measures/catalogue.ts): a native
 * disclosure, so it works with the keyboard and without script.
 */
export function MeasureHelpView({ words }: { words: MeasureWords }) {
  return (
    <details className="measure-help">
      <summary>
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">{words.help}</span>
      </summary>
      <p>{words.definition}</p>
    </details>
  );
}

/** A label with its definition at hand. */
export function MeasureLabelView({ words }: { words: MeasureWords }) {
  return (
    <span className="measure-label">
      {words.name} <MeasureHelpView words={words} />
    </span>
  );
}

/** Where a measure's definition stands in the page's glossary: `#measure-<id>` links open it there. */
export const glossaryEntryId = (id: MeasureId) => `measure-${id}`;

/**
 * A label whose definition is in the page's glossary (MeasureGlossary): for figures repeated across
 * cards, so each definition is written once on the page, not once per card.
 */
export function MeasureRefView({ id, words }: { id: MeasureId; words: MeasureWords }) {
  return (
    <span className="measure-label">
      {words.name}{" "}
      <a className="measure-help__link" href={`#${glossaryEntryId(id)}`}>
        <span aria-hidden="true">?</span>
        <span className="visually-hidden">{words.help}</span>
      </a>
    </span>
  );
}
