import type { Locale, Role } from "@/core/enums";

/** The signed-in user as every service and query sees it: who, which role, which agency. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Set for agency roles (and DGA staff accounts); scopes agency roles' reads and writes. */
  agencyId: number | null;
  /** Code of that agency, for links; null when agencyId is. */
  agencyCode: string | null;
  locale: Locale;
  /** The province a provincial reviewer reviews; absent or null for every other role. */
  province?: string | null;
  /** May invite and deactivate accounts within their scope (users.managesUsers). */
  managesUsers?: boolean;
}

/** For scripts and scheduled jobs: audited as "system", may do what an admin may. */
export const SYSTEM_ACTOR: Actor = {
  id: 0,
  email: "system",
  name: "system",
  role: "admin",
  agencyId: null,
  agencyCode: null,
  locale: "th",
};
