import "server-only";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Locale } from "@/core/enums";
import { LOCALE_COOKIE } from "@/i18n/locale";

// PDF by printing the app's own print view (/reports/[id]/print) in headless Chromium: the browser
// shapes and line-breaks Thai (which has no spaces between words) with its dictionary, embeds the
// Sarabun font the page uses, repeats table headers on every page and keeps the SVG charts vector.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"];
const RENDER_TIMEOUT_MS = 60_000;

export class PdfUnavailableError extends Error {
  constructor() {
    super(`Chromium was not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  }
}

export interface PrintOptions {
  /** The print view, including its one-time token. */
  url: string;
  locale: Locale;
  /** Footer line, e.g. the report title; page numbers are added. */
  footer: string;
  /** "Page {page} of {pages}" in the report's language. */
  pageLabel: (page: string, pages: string) => string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export async function printToPdf(options: PrintOptions): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) throw new PdfUnavailableError();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  try {
    const context = await browser.newContext({ locale: options.locale === "th" ? "th-TH" : "en-GB", timezoneId: "Asia/Bangkok" });
    const url = new URL(options.url);
    await context.addCookies([{ name: LOCALE_COOKIE, value: options.locale, domain: url.hostname, path: "/" }]);
    const page = await context.newPage();
    page.setDefaultTimeout(RENDER_TIMEOUT_MS);
    const response = await page.goto(options.url, { waitUntil: "load" });
    if (!response || !response.ok()) throw new Error(`print view answered ${response?.status() ?? "nothing"}`);
    // The page marks itself ready once fonts are loaded and the charts have drawn.
    await page.waitForSelector("[data-report-ready='true']", { state: "attached" });
    await page.emulateMedia({ media: "print" });
    // Header/footer templates are rendered apart from the page: the system Thai font (fonts-thai-tlwg) is used.
    const footer = `<div style="font-family: Sarabun, Loma, 'TH Sarabun New', sans-serif; font-size: 8px; color: #555; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;">
      <span>${escapeHtml(options.footer)}</span>
      <span>${options.pageLabel('<span class="pageNumber"></span>', '<span class="totalPages"></span>')}</span></div>`;
    const pdf = await page.pdf({
      format: "A4",
      // The CSS decides each page's size: A4 portrait, and landscape for the ecosystem map (@page map).
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<div></div>",
      footerTemplate: footer,
      margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
      outline: true,
      tagged: true,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

/** Where headless Chromium reaches the app's print view: REPORT_PRINT_ORIGIN, else this host's app port. */
export function defaultPrintOrigin(): string {
  return process.env.REPORT_PRINT_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
}
