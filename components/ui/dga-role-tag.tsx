import { getTranslations } from "next-intl/server";
import type { DgaRole } from "@/core/enums";

export async function DgaRoleTag({ role }: { role: DgaRole }) {
  const t = await getTranslations("enums.dgaRole");
  return <span className={`tag tag--${role}`}>{t(role)}</span>;
}
