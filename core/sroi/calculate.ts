// Social return on investment (SROI): present value of monetised outcomes ÷ investment.
//
// Each outcome's yearly value is quantity × financial proxy, less what would have happened anyway
// (deadweight), what others contributed (attribution) and what was merely moved from elsewhere
// (displacement). In later years it shrinks by the drop-off rate, and every year is discounted to today.
// The inputs are kept with the figure so that a ratio such as DGA's "1 : 5" can be explained.

export interface SroiOutcomeInput {
  /** How many people, agencies or transactions experienced the outcome. */
  quantity: number;
  /** Baht value of the outcome per unit per year. */
  financialProxy: number;
  /** Fractions 0..1 (0.2 = 20 %). */
  deadweight: number;
  attribution: number;
  displacement: number;
  /** Share of the previous year's value lost each following year. */
  dropOff: number;
  /** Whole years the outcome lasts, counted from year 1. */
  durationYears: number;
}

export interface SroiInput {
  /** Baht, taken as spent at the start (year 0), so it is not discounted. */
  investment: number;
  /** Annual discount rate as a fraction (0.035 = 3.5 %). */
  discountRate: number;
  outcomes: readonly SroiOutcomeInput[];
}

export interface SroiYearValue {
  /** 1-based year after the investment. */
  year: number;
  value: number;
  presentValue: number;
}

export interface SroiOutcomeResult {
  /** quantity × financial proxy, before any deduction. */
  grossValue: number;
  /** Year-1 value after deadweight, attribution and displacement. */
  netYearOneValue: number;
  presentValue: number;
  yearly: SroiYearValue[];
}

export interface SroiResult {
  totalPresentValue: number;
  /** Net present value: total present value minus the investment. */
  netPresentValue: number;
  /** Baht of value per baht invested: 5.42 reads "1 : 5.42". */
  ratio: number;
  outcomes: SroiOutcomeResult[];
}

/** Guards against a typo such as 2026 entered as a duration; SROI studies rarely project beyond 10 years. */
export const MAX_DURATION_YEARS = 100;

/** Throws RangeError naming the first invalid field, e.g. "outcomes[1].deadweight must be …". */
export function calculateSroi(input: SroiInput): SroiResult {
  validateSroiInput(input);
  const outcomes = input.outcomes.map((outcome) => calculateOutcome(outcome, input.discountRate));
  const totalPresentValue = outcomes.reduce((sum, outcome) => sum + outcome.presentValue, 0);
  return {
    totalPresentValue,
    netPresentValue: totalPresentValue - input.investment,
    ratio: totalPresentValue / input.investment,
    outcomes,
  };
}

/** "1 : 5.42" — the way SROI ratios are quoted (baht invested : baht of social value). */
export function formatSroiRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) throw new RangeError(`SROI ratio must be a finite number (got ${ratio})`);
  const value = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ratio);
  return `1 : ${value}`;
}

function calculateOutcome(outcome: SroiOutcomeInput, discountRate: number): SroiOutcomeResult {
  const grossValue = outcome.quantity * outcome.financialProxy;
  const netYearOneValue =
    grossValue * (1 - outcome.deadweight) * (1 - outcome.attribution) * (1 - outcome.displacement);
  const yearly: SroiYearValue[] = [];
  for (let year = 1; year <= outcome.durationYears; year++) {
    const value = netYearOneValue * (1 - outcome.dropOff) ** (year - 1);
    yearly.push({ year, value, presentValue: value / (1 + discountRate) ** year });
  }
  const presentValue = yearly.reduce((sum, entry) => sum + entry.presentValue, 0);
  return { grossValue, netYearOneValue, presentValue, yearly };
}

function validateSroiInput(input: SroiInput): void {
  if (!Number.isFinite(input.investment) || input.investment <= 0) {
    throw new RangeError(`investment must be a positive number of baht (got ${input.investment})`);
  }
  assertFraction(input.discountRate, "discountRate");
  input.outcomes.forEach((outcome, index) => {
    const field = (name: string): string => `outcomes[${index}].${name}`;
    if (!Number.isFinite(outcome.quantity) || outcome.quantity < 0) {
      throw new RangeError(`${field("quantity")} must be zero or more (got ${outcome.quantity})`);
    }
    if (!Number.isFinite(outcome.financialProxy) || outcome.financialProxy < 0) {
      throw new RangeError(`${field("financialProxy")} must be zero or more baht (got ${outcome.financialProxy})`);
    }
    assertFraction(outcome.deadweight, field("deadweight"));
    assertFraction(outcome.attribution, field("attribution"));
    assertFraction(outcome.displacement, field("displacement"));
    assertFraction(outcome.dropOff, field("dropOff"));
    const duration = outcome.durationYears;
    if (!Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_YEARS) {
      throw new RangeError(
        `${field("durationYears")} must be a whole number of years from 1 to ${MAX_DURATION_YEARS} (got ${duration})`,
      );
    }
  });
}

function assertFraction(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    // The usual mistake is a percentage typed as 20 instead of 0.2.
    throw new RangeError(`${name} must be a fraction between 0 and 1, e.g. 0.2 for 20 % (got ${value})`);
  }
}
