import { useTranslations } from "next-intl";
import type { SubmissionStatus } from "@/core/assessments/enums";
import type { IntermediateLevel } from "@/core/assessments/review-chain";

/** The steps of a self-assessment, each with who acts in it; "verify" only where an intermediate level applies. */
const STEPS = ["fill", "endorse", "send", "verify", "review"] as const;
type Step = (typeof STEPS)[number];

/** Where a submission stands: the step being acted on now (null once approved). */
function currentStep(status: SubmissionStatus | "missing", level: IntermediateLevel): Step | null {
  switch (status) {
    case "missing":
    case "draft":
    case "returned":
      return "fill";
    case "endorsed":
      return "send";
    case "submitted":
      return level === "none" ? "review" : "verify";
    case "verified":
      return "review";
    case "approved":
      return null;
  }
}

/**
 * The way a self-assessment goes, with the step it is in and who acts next, so an officer knows that
 * after saving, the head endorses, then the officer sends it on: to the ministry's or province's reviewer
 * where the chain has one, then to DGA. A returned form goes back to the officer, who sends it up again
 * (no second endorsement).
 */
export function WorkflowStepper({ status, hasSubmission, level }: { status: SubmissionStatus; hasSubmission: boolean; level: IntermediateLevel }) {
  const t = useTranslations("submissions.stepper");
  const state = hasSubmission ? status : "missing";
  const steps = STEPS.filter((s) => s !== "verify" || level !== "none");
  const now = currentStep(state, level);
  const nowIndex = now ? steps.indexOf(now) : steps.length;
  const next = state === "submitted" && level !== "none" ? t("next.waitingIntermediate", { level }) : t(`next.${state}`);
  return (
    <nav className="card stepper" aria-label={t("label")}>
      <ol>
        {steps.map((step, index) => {
          const done = index < nowIndex && !(state === "returned" && step !== "fill");
          return (
            <li key={step} className={step === now ? "is-current" : done ? "is-done" : undefined} aria-current={step === now ? "step" : undefined}>
              <span className="stepper__mark" aria-hidden="true">
                {done ? "✓" : index + 1}
              </span>
              <span>
                <strong>{step === "verify" ? t("steps.verify", { level }) : t(`steps.${step}`)}</strong>
                <br />
                <span className="muted small">{step === "verify" ? t("who.verify", { level }) : t(`who.${step}`)}</span>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="stepper__next">{next}</p>
    </nav>
  );
}
