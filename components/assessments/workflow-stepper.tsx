import { useTranslations } from "next-intl";
import type { SubmissionStatus } from "@/core/assessments/enums";

/** The four steps of a self-assessment, each with who acts in it. */
const STEPS = ["fill", "endorse", "send", "review"] as const;
type Step = (typeof STEPS)[number];

/** Where a submission stands: the step being acted on now (null once approved). */
function currentStep(status: SubmissionStatus | "missing"): Step | null {
  switch (status) {
    case "missing":
    case "draft":
    case "returned":
      return "fill";
    case "endorsed":
      return "send";
    case "submitted":
      return "review";
    case "approved":
      return null;
  }
}

/**
 * The way a self-assessment goes, with the step it is in and who acts next, so an officer knows that
 * after saving, the head endorses, then the officer sends it to DGA. A returned form goes back to the
 * officer, who sends it straight to DGA again (no second endorsement).
 */
export function WorkflowStepper({ status, hasSubmission }: { status: SubmissionStatus; hasSubmission: boolean }) {
  const t = useTranslations("submissions.stepper");
  const state = hasSubmission ? status : "missing";
  const now = currentStep(state);
  const nowIndex = now ? STEPS.indexOf(now) : STEPS.length;
  return (
    <nav className="card stepper" aria-label={t("label")}>
      <ol>
        {STEPS.map((step, index) => {
          const done = index < nowIndex && !(state === "returned" && step !== "fill");
          return (
            <li key={step} className={step === now ? "is-current" : done ? "is-done" : undefined} aria-current={step === now ? "step" : undefined}>
              <span className="stepper__mark" aria-hidden="true">
                {done ? "✓" : index + 1}
              </span>
              <span>
                <strong>{t(`steps.${step}`)}</strong>
                <br />
                <span className="muted small">{t(`who.${step}`)}</span>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="stepper__next">{t(`next.${state}`)}</p>
    </nav>
  );
}
