import { z } from "zod";
import { LOCALES, ROLES } from "@/core/enums";
import { normaliseText } from "@/core/parse/values";

/**
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab / carriage return). A person's name
 * never starts so, and a name is written into every export and e-mail: refused rather than neutralised.
 */
export const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

/** One account as the invitation form and an uploaded row describe it (the same checks for both). */
export const accountInput = z.object({
  email: z.string().trim().toLowerCase().max(254, { message: "too_long" }).pipe(z.email({ message: "invalid_email" })),
  name: z
    .string()
    .refine((v) => !looksLikeFormula(v.trimStart() === v ? v : v.trimStart()), { message: "formula_text" })
    .transform(normaliseText)
    .pipe(z.string().min(1, { message: "required" }).max(200, { message: "too_long" })),
  role: z.enum(ROLES, { message: "unknown_user_role" }),
  agencyCode: z.string().trim().max(40, { message: "too_long" }).optional(),
  province: z.string().trim().max(100, { message: "too_long" }).transform(normaliseText).optional(),
  locale: z.enum(LOCALES).default("th"),
  /** Signs in through the organisation's SSO: no password, no link. */
  sso: z.boolean().default(false),
  /** The ministry or provincial administrator's right (DGA grants it). */
  managesUsers: z.boolean().default(false),
});
export type AccountInput = z.infer<typeof accountInput>;
