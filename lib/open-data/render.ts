// The open dataset's resources: CSV (UTF-8 with BOM, one record per row, the dictionary's columns in
// order), JSON (the same records with the dictionary and the package id), and data.go.th/CKAN-style
// package metadata (package_show's shape) naming both resources.
import Papa from "papaparse";
import { neutraliseCell } from "@/core/format/spreadsheet";
import { OPEN_DATA_FIELDS, openDataDictionary, openDataPath, openDataTranslator, type OpenDataset } from "@/core/open-data/dataset";

const BOM = "\uFEFF";

export function renderOpenDataCsv(dataset: OpenDataset): Buffer {
  const fields = OPEN_DATA_FIELDS.map((f) => f.name);
  const data = dataset.records.map((r) => fields.map((f) => neutraliseCell(r[f])));
  return Buffer.from(BOM + Papa.unparse({ fields, data }, { newline: "\r\n" }) + "\r\n", "utf8");
}

/** The package's name on a CKAN portal: lower-case, digits and dashes. */
export function openDataPackageName(dataset: Pick<OpenDataset, "period">): string {
  return `lamnam-digital-government-ecosystem-${dataset.period.fiscalYear}-q${dataset.period.quarter}`;
}

export interface ReleaseInfo {
  publishedAt: Date;
  updatedAt: Date;
  sha256: string;
}

export function renderOpenDataJson(dataset: OpenDataset, release: ReleaseInfo): string {
  return JSON.stringify(
    {
      package: openDataPackageName(dataset),
      period: dataset.period,
      published_at: release.publishedAt.toISOString(),
      data_as_of: dataset.dataAsOf,
      fields: openDataDictionary(),
      // jsonb keeps keys in its own order: put them back in the dictionary's.
      records: dataset.records.map((r) => Object.fromEntries(OPEN_DATA_FIELDS.map((f) => [f.name, r[f.name]]))),
    },
    null,
    2,
  );
}

/** package_show's result for the quarter, as data.go.th (CKAN) describes a dataset. */
export function openDataPackage(dataset: OpenDataset, release: ReleaseInfo, baseUrl: string, csvBytes: number) {
  const th = openDataTranslator("th");
  const en = openDataTranslator("en");
  const { fiscalYear: year, quarter } = dataset.period;
  const url = (format: "csv" | "json") => `${baseUrl}${openDataPath(year, quarter, format)}`;
  const modified = release.updatedAt.toISOString();
  return {
    name: openDataPackageName(dataset),
    title: th("package.title", { year, quarter }),
    title_en: en("package.title", { year, quarter }),
    notes: th("package.notes"),
    notes_en: en("package.notes"),
    license_id: "Open-Data-Common",
    license_title: th("package.license"),
    organization: { name: "dga", title: th("package.organization"), title_en: en("package.organization") },
    maintainer: th("package.organization"),
    tags: (["tagGovernment", "tagEcosystem", "tagMonitoring", "tagIndicators"] as const).flatMap((k) => [{ name: th(`package.${k}`) }, { name: en(`package.${k}`) }]),
    temporal_coverage_start: dataset.period.startsOn,
    temporal_coverage_end: dataset.period.endsOn,
    update_frequency_unit: th("package.frequency"),
    language: ["th", "en"],
    metadata_created: release.publishedAt.toISOString(),
    metadata_modified: modified,
    url: `${baseUrl}/scorecard/${year}/${quarter}`,
    resources: [
      {
        name: th("package.csvName", { year, quarter }),
        name_en: en("package.csvName", { year, quarter }),
        description: th("package.csvDescription"),
        format: "CSV",
        mimetype: "text/csv",
        url: url("csv"),
        size: csvBytes,
        hash: `sha256:${release.sha256}`,
        last_modified: modified,
      },
      {
        name: th("package.jsonName", { year, quarter }),
        name_en: en("package.jsonName", { year, quarter }),
        description: th("package.jsonDescription"),
        format: "JSON",
        mimetype: "application/json",
        url: url("json"),
        last_modified: modified,
      },
      {
        name: th("package.dictionaryName"),
        name_en: en("package.dictionaryName"),
        description: th("package.dictionaryDescription"),
        format: "JSON",
        mimetype: "application/json",
        url: `${baseUrl}/open-data/dictionary.json`,
      },
    ],
  };
}
