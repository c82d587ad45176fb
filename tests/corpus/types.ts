// The shape of a bad-input case. One table per surface (form-cases.ts, upload-cases.ts, api-cases.ts,
// url-cases.ts); corpus.test.ts runs the first three in process, e2e/corpus/urls.spec.ts the pages.
import type { Database } from "@/db/client";
import type { Fixtures, Subject } from "../authz/matrix";

export const SURFACES = ["form", "url", "upload", "api"] as const;
export type Surface = (typeof SURFACES)[number];

export const CATEGORIES = [
  "wrong_type",
  "missing",
  "huge",
  "unicode",
  "control_chars",
  "html_injection",
  "sql",
  "traversal",
  "formula",
  "zip_bomb",
  "truncated",
  "encoding",
  "spoofing",
  "malformed",
  "regex",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Form fields; `{fixture}` placeholders are filled from tests/authz/fixtures.ts and corpusFixtures. */
export type Fields = Record<string, string | string[]>;

export interface UploadFile {
  name: string;
  type: string;
  bytes: () => Buffer | Promise<Buffer>;
}

export interface CheckContext {
  db: Database;
  fixtures: Fixtures;
  /** The action's success data or the route's JSON answer. */
  answer: unknown;
  /** Rows of a SQL query (placeholders filled). */
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
}

export type Expectation =
  /** Refused as a whole: this error code (and exactly these field codes, file reason, HTTP status). */
  | { refused: { error: string; fields?: Record<string, string | string[]>; reason?: string; status?: number } }
  /** An import that read the file but found these row problems (reason codes, each at least once): nothing written. */
  | { rows: { reasons: string[] } }
  /** Safely accepted: `says` what that means; `check` proves it on what was stored. */
  | { accepted: { says: string; writes: boolean; check?: (ctx: CheckContext) => Promise<void> } };

interface CaseBase {
  /** Unique, stable: the count of cases is asserted. */
  id: string;
  category: Category;
  /** Who sends it (a subject of the authorization matrix). */
  as: Subject;
  expect: Expectation;
  /**
   * Sequences a refused eMENSCR commit may advance: it writes its batch row before it has read the file,
   * in the transaction it then rolls back, and PostgreSQL never hands sequence numbers back.
   */
  sequencesMayAdvance?: string[];
}

export interface FormCase extends CaseBase {
  surface: "form";
  action: keyof typeof ACTIONS;
  form: Fields;
}

export interface RouteCase extends CaseBase {
  surface: "upload" | "api" | "url";
  route: keyof typeof ROUTES;
  /** Route segment values (`{fixture}` allowed). */
  params?: Record<string, string>;
  /** Query string without "?". */
  query?: string;
  form?: Fields;
  file?: UploadFile;
  /** A body sent as it is instead of the form (garbled multipart, JSON where a form is expected). */
  rawBody?: { contentType: string; bytes: string };
  /**
   * /api/v1: the bearer token sent (a `{apiToken.…}` fixture, or a literal). Every use of a known token is
   * audited and counted against its rate, so those rows (audit_log, sign_in_throttle, api_tokens' last
   * use) may change on a refused request; nothing else may.
   */
  token?: string;
}

export type InProcessCase = FormCase | RouteCase;

/** Server actions by short name: `<module>#<export>` and the screen that explains their errors (messages.ts). */
export const ACTIONS = {
  saveSubmission: { action: "app/submissions/actions.ts#saveSubmissionAction", view: "submissionForm" },
  transition: { action: "app/submissions/actions.ts#transitionAction", view: "workflowPanel" },
  confirmHeldFigure: { action: "app/submissions/actions.ts#confirmHeldFigureAction", view: "heldValues" },
  recomputeFlags: { action: "app/lagging/actions.ts#recomputeFlagsAction", view: "caseForms" },
  openCase: { action: "app/lagging/actions.ts#openCaseAction", view: "caseForms" },
  updateCase: { action: "app/lagging/actions.ts#updateCaseAction", view: "caseForms" },
  respondToCase: { action: "app/lagging/actions.ts#respondToCaseAction", view: "caseForms" },
  bulkFollowUp: { action: "app/lagging/actions.ts#bulkFollowUpAction", view: "caseForms" },
  openGroupCase: { action: "app/lagging/actions.ts#openGroupCaseAction", view: "caseForms" },
  updatePriorityWeights: { action: "app/admin/rules/actions.ts#updatePriorityWeightsAction", view: "weightsForm" },
  requestReport: { action: "app/reports/actions.ts#requestReportAction", view: "reportForm" },
  mapAgencyAlias: { action: "app/imports/actions.ts#mapAgencyAliasAction", view: "importWizardForms" },
  saveMappingProfile: { action: "app/imports/actions.ts#saveMappingProfileAction", view: "importWizardForms" },
  createRule: { action: "app/imports/actions.ts#createRuleAction", view: "importRules" },
  toggleRule: { action: "app/imports/actions.ts#toggleRuleAction", view: "importRules" },
  linkProject: { action: "app/imports/actions.ts#linkProjectAction", view: "importWizardForms" },
  rollbackBatch: { action: "app/imports/actions.ts#rollbackBatchAction", view: "importWizardForms" },
  setTarget: { action: "app/admin/targets/actions.ts#setTargetAction", view: "targetForm" },
  addTemplateItem: { action: "app/admin/templates/actions.ts#addTemplateItemAction", view: "masterData" },
  updateTemplateItem: { action: "app/admin/templates/actions.ts#updateTemplateItemAction", view: "templateToggle" },
  setItemBounds: { action: "app/admin/templates/actions.ts#setItemBoundsAction", view: "templateToggle" },
  updateRule: { action: "app/admin/rules/actions.ts#updateRuleAction", view: "ruleForm" },
  saveAgency: { action: "app/admin/agencies/actions.ts#saveAgencyAction", view: "masterData" },
  setAgencyActive: { action: "app/admin/agencies/actions.ts#setAgencyActiveAction", view: "masterData" },
  setAgencyComponent: { action: "app/admin/agencies/actions.ts#setAgencyComponentAction", view: "masterData" },
  createUser: { action: "app/admin/master-data-actions.ts#createUserAction", view: "masterData" },
  setUserActive: { action: "app/admin/master-data-actions.ts#setUserActiveAction", view: "masterData" },
  resetPassword: { action: "app/admin/master-data-actions.ts#resetPasswordAction", view: "masterData" },
  changeUserRole: { action: "app/admin/master-data-actions.ts#changeUserRoleAction", view: "masterData" },
  setPassword: { action: "app/set-password/actions.ts#setPasswordAction", view: "setPasswordForm" },
  requestPasswordReset: { action: "app/forgot-password/actions.ts#requestPasswordResetAction", view: "forgotPasswordForm" },
  updatePeriod: { action: "app/admin/master-data-actions.ts#updatePeriodAction", view: "masterData" },
  previewRollover: { action: "app/admin/periods/actions.ts#previewRolloverAction", view: "fiscalYearForm" },
  rollover: { action: "app/admin/periods/actions.ts#rolloverAction", view: "fiscalYearForm" },
  reopenPeriod: { action: "app/admin/periods/actions.ts#reopenPeriodAction", view: "fiscalYearForm" },
  publishOpenData: { action: "app/admin/periods/actions.ts#publishOpenDataAction", view: "openDataForms" },
  withdrawOpenData: { action: "app/admin/periods/actions.ts#withdrawOpenDataAction", view: "openDataForms" },
  retryJob: { action: "app/admin/jobs/actions.ts#retryJobAction", view: "retryJob" },
  createIndicator: { action: "app/admin/indicators/actions.ts#createIndicatorAction", view: "catalogueForm" },
  startIndicatorVersion: { action: "app/admin/indicators/actions.ts#startIndicatorVersionAction", view: "catalogueForm" },
  deleteIndicator: { action: "app/admin/indicators/actions.ts#deleteIndicatorAction", view: "catalogueForm" },
  savePlatform: { action: "app/admin/platforms/actions.ts#savePlatformAction", view: "catalogueForm" },
  deletePlatform: { action: "app/admin/platforms/actions.ts#deletePlatformAction", view: "catalogueForm" },
  updateComponentWords: { action: "app/admin/components/actions.ts#updateComponentWordsAction", view: "catalogueForm" },
  saveSroi: { action: "app/admin/sroi/actions.ts#saveSroiAction", view: "catalogueForm" },
  inviteUser: { action: "app/team/actions.ts#inviteUserAction", view: "teamForms" },
  resendInvitation: { action: "app/team/actions.ts#resendInvitationAction", view: "teamForms" },
  setTeamMemberActive: { action: "app/team/actions.ts#setTeamMemberActiveAction", view: "teamForms" },
  updateReviewChain: { action: "app/admin/review-chains/actions.ts#updateReviewChainAction", view: "reviewChainForm" },
  confirmTags: { action: "app/asks/actions.ts#confirmTagsAction", view: "askForms" },
  routeRequest: { action: "app/asks/actions.ts#routeRequestAction", view: "askForms" },
  updateRequest: { action: "app/asks/actions.ts#updateRequestAction", view: "askForms" },
  saveAskTag: { action: "app/asks/actions.ts#saveAskTagAction", view: "askForms" },
  saveDgaUnit: { action: "app/asks/actions.ts#saveDgaUnitAction", view: "askForms" },
  savePreferences: { action: "app/settings/notifications/actions.ts#savePreferencesAction", view: "preferencesForm" },
} as const;

/**
 * Route handlers by short name. `view`: the screen that explains their errors; null for JSON read by the
 * dashboards' widgets and downloads, where the status code is the answer (never a 500).
 */
export const ROUTES = {
  evidenceUpload: { module: "app/api/submissions/[id]/evidence/route.ts", method: "POST", path: "/api/submissions/{id}/evidence", view: "evidencePanel" },
  evidenceFile: { module: "app/api/evidence/[id]/route.ts", method: "GET", path: "/api/evidence/{id}", view: null },
  evidenceDelete: { module: "app/api/evidence/[id]/route.ts", method: "DELETE", path: "/api/evidence/{id}", view: "evidencePanel" },
  caseAttachmentUpload: { module: "app/api/cases/[id]/attachments/route.ts", method: "POST", path: "/api/cases/{id}/attachments", view: "caseAttachments" },
  caseAttachmentFile: { module: "app/api/case-attachments/[id]/route.ts", method: "GET", path: "/api/case-attachments/{id}", view: null },
  emenscrPreview: { module: "app/api/imports/preview/route.ts", method: "POST", path: "/api/imports/preview", view: "emenscrUpload" },
  emenscrCommit: { module: "app/api/imports/commit/route.ts", method: "POST", path: "/api/imports/commit", view: "emenscrUpload" },
  emenscrFixList: { module: "app/api/imports/fix-list/route.ts", method: "POST", path: "/api/imports/fix-list", view: "emenscrUpload" },
  agencyImport: { module: "app/api/admin/agencies/import/route.ts", method: "POST", path: "/api/admin/agencies/import", view: "tableImport" },
  targetImport: { module: "app/api/admin/targets/import/route.ts", method: "POST", path: "/api/admin/targets/import", view: "tableImport" },
  userImport: { module: "app/api/team/import/route.ts", method: "POST", path: "/api/team/import", view: "tableImport" },
  agencyTemplate: { module: "app/api/admin/agencies/import/template/route.ts", method: "GET", path: "/api/admin/agencies/import/template", view: null },
  agencyJson: { module: "app/api/agencies/[code]/route.ts", method: "GET", path: "/api/agencies/{code}", view: null },
  agencySearch: { module: "app/api/agencies/route.ts", method: "GET", path: "/api/agencies", view: null },
  overview: { module: "app/api/dashboard/overview/route.ts", method: "GET", path: "/api/dashboard/overview", view: null },
  componentDashboard: { module: "app/api/dashboard/components/[code]/route.ts", method: "GET", path: "/api/dashboard/components/{code}", view: null },
  agencyDashboard: { module: "app/api/dashboard/agencies/[code]/route.ts", method: "GET", path: "/api/dashboard/agencies/{code}", view: null },
  provenance: { module: "app/api/dashboard/provenance/route.ts", method: "GET", path: "/api/dashboard/provenance", view: null },
  reportStatus: { module: "app/api/reports/[id]/route.ts", method: "GET", path: "/api/reports/{id}", view: null },
  reportFile: { module: "app/api/reports/[id]/file/route.ts", method: "GET", path: "/api/reports/{id}/file", view: null },
  apiComponents: { module: "app/api/v1/components/route.ts", method: "GET", path: "/api/v1/components", view: "apiV1" },
  apiFigures: { module: "app/api/v1/figures/route.ts", method: "GET", path: "/api/v1/figures", view: "apiV1" },
  apiPlatformFigures: { module: "app/api/v1/platform-figures/route.ts", method: "POST", path: "/api/v1/platform-figures", view: "apiV1" },
} as const;
