"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useState, type ReactNode } from "react";

// The submission's version as the page last knows it. A draft saved again changes nothing else on the page
// (a draft has no workflow buttons: it moves on through the form's own), so that save answers without
// rendering the page again (app/submissions/actions.ts); the form reports the saved version here, and the
// version shown in the heading follows it.

type VersionState = [version: number, setVersion: (version: number) => void];

const VersionContext = createContext<VersionState>([0, () => {}]);

/** Holds the version for the page; a new render of the page with a newer version wins over a saved one. */
export function SubmissionVersionProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const [saved, setSaved] = useState(initial);
  return <VersionContext.Provider value={[Math.max(initial, saved), setSaved]}>{children}</VersionContext.Provider>;
}

export function useSubmissionVersion(): VersionState {
  return useContext(VersionContext);
}

/** "version N" beside the status in the heading. */
export function SubmissionVersionLabel() {
  const t = useTranslations("submissions");
  const [version] = useSubmissionVersion();
  return <>{t("versionLabel", { version })}</>;
}
