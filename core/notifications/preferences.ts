// Per-user notification preferences: for each kind of news, e-mail it at once, gather it in the daily
// digest, or not e-mail it (the in-app list keeps every notification whatever the choice).
import type { NotificationKind } from "@/core/assessments/enums";

export const NOTIFICATION_GROUPS = ["new_flags", "cases_due", "returned_forms", "support_answers"] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

export const DELIVERY_MODES = ["immediate", "daily", "off"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** As before preferences existed: every e-mail goes out at once. */
export const DEFAULT_DELIVERY_MODE: DeliveryMode = "immediate";

const GROUP_OF_KIND: Partial<Record<NotificationKind, NotificationGroup>> = {
  flag_opened: "new_flags",
  case_assigned: "cases_due",
  case_overdue: "cases_due",
  submission_returned: "returned_forms",
  support_request_answered: "support_answers",
};

/** The preference group a kind belongs to; null for kinds that always go out at once (reminders, approvals…). */
export function groupOfKind(kind: NotificationKind): NotificationGroup | null {
  return GROUP_OF_KIND[kind] ?? null;
}

export type PreferenceMap = Partial<Record<NotificationGroup, DeliveryMode>>;

/** How a notice of this kind reaches a user with these preferences. */
export function deliveryModeFor(kind: NotificationKind, preferences: PreferenceMap | undefined): DeliveryMode {
  const group = groupOfKind(kind);
  if (!group) return "immediate";
  return preferences?.[group] ?? DEFAULT_DELIVERY_MODE;
}
