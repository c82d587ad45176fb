// Shapes of the reference catalogue and the deterministic demo data. Everything is referenced by stable codes, never by ids,
// so the seed is idempotent and readable.
import type {
  AgencyType,
  Aggregation,
  ComponentGroup,
  DgaRole,
  IndicatorDirection,
  IndicatorSource,
  Role,
  ServiceChannel,
  ValueType,
} from "@/core/enums";

export type ComponentCode =
  | "upstream"
  | "midstream"
  | "downstream"
  | "cybersecurity"
  | "policy_governance"
  | "agency_support"
  | "monitoring_evaluation";

export interface SeedComponent {
  code: ComponentCode;
  /** DGA's own role toward the component (leader/doer/follower/connector), from the source document. */
  dgaRole: DgaRole;
  ordinal: number;
  group: ComponentGroup;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn: string;
  elements: { code: string; nameTh: string; nameEn: string }[];
}

export interface SeedAgency {
  /** Official-looking code, text (leading zeros kept). */
  code: string;
  nameTh: string;
  nameEn: string;
  abbrTh?: string;
  abbrEn?: string;
  type: AgencyType;
  /** Code of the parent ministry (or other parent), if any. */
  parentCode?: string;
  province?: string;
  /** Components this agency contributes to and DGA's role toward it there. */
  components?: { component: ComponentCode; dgaRole: DgaRole }[];
}

export interface SeedService {
  code: string;
  component: ComponentCode;
  /** Code of a component element. */
  element?: string;
  ownerAgencyCode: string;
  channel: ServiceChannel;
  nameTh: string;
  nameEn: string;
  descriptionTh?: string;
  descriptionEn?: string;
  url?: string;
}

export interface SeedIndicator {
  code: string;
  component: ComponentCode;
  serviceCode?: string;
  nameTh: string;
  nameEn: string;
  definitionTh: string;
  definitionEn: string;
  unitTh: string;
  unitEn: string;
  direction: IndicatorDirection;
  valueType: ValueType;
  aggregation: Aggregation;
  weight: number;
  source: IndicatorSource;
  /**
   * National target per quarter of a fiscal year (cumulative where the indicator is cumulative).
   * Keys are BE fiscal years; the array holds Q1..Q4.
   */
  nationalTargets: Record<number, [number, number, number, number]>;
}

export interface SeedUser {
  email: string;
  name: string;
  role: Role;
  /** The agency; for a ministry reviewer, the ministry. */
  agencyCode?: string;
  /** A provincial reviewer's province. */
  province?: string;
  locale: "th" | "en";
}

export interface SeedSroiOutcome {
  stakeholderTh: string;
  stakeholderEn: string;
  outcomeTh: string;
  outcomeEn: string;
  quantity: number;
  financialProxy: number;
  deadweight: number;
  attribution: number;
  displacement: number;
  dropOff: number;
  durationYears: number;
}

export interface SeedSroi {
  agencyCode: string;
  fiscalYear: number;
  investment: number;
  discountRate: number;
  noteTh: string;
  noteEn: string;
  outcomes: SeedSroiOutcome[];
}
