// What each of the load test's users asks for next (scripts/bench-load.ts): the mix of pages, JSON routes
// and server actions per role, and how each answer is judged.
import { seededRandom } from "@/scripts/generators/emenscr-synthetic";
import { OPEN_PERIOD } from "./load-config";
import { actionBody, actionResult, parseApproveForm, parseForm, routerStateTree, saveBody, type ApproveForm, type FormState } from "./load-server-actions";
import type { LoadUser } from "./load-users";

const VIEW_PERIODS = ["2570Q1", "2569Q4", "2569Q3"];

/** The kinds of request measured, each with its own figures. */
export type Kind =
  | "page: overview"
  | "page: component"
  | "page: agency"
  | "page: assessment form"
  | "api: overview"
  | "api: component"
  | "api: agency"
  | "api: provenance"
  | "action: save assessment"
  | "page: review"
  | "action: approve";

export interface Planned {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Judges the answer: null when it is what the user expected, else the reason it is not. */
  check: (status: number, body: string) => string | null;
}

const pageCheck = (status: number, body: string) =>
  status === 200 ? (body.includes("</html>") ? null : "page cut short") : status >= 300 && status < 400 ? `HTTP ${status} (sent to sign in?)` : `HTTP ${status}`;
const jsonCheck = (status: number, body: string) => (status === 200 ? (body.startsWith("{") ? null : "not JSON") : `HTTP ${status}`);

export interface Reference {
  /** Submitted submissions still to approve, shared by the analysts (each takes the next). */
  approvals: { agencyCode: string; componentCode: string }[];
  components: string[];
  indicators: string[];
  ministries: string[];
  agencies: string[];
}

/** One user's session: its connection's next request, and the form it is filling in. */
export class UserSession {
  private step = 0;
  private form: FormState | null = null;
  private approval: { path: string; agency: string; component: string; form: ApproveForm | null } | null = null;
  private saves = 0;
  private readonly random: () => number;

  constructor(
    readonly user: LoadUser,
    private readonly reference: Reference,
    private readonly origin: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }

  private get(kind: Kind, path: string, check = kind.startsWith("api") ? jsonCheck : pageCheck): Planned {
    return { kind, method: "GET", path, check };
  }

  /** A request got no answer: like a user reloading, the form is read again before the next save. */
  lost(): void {
    this.form = null;
    this.approval = null;
  }

  next(): Planned {
    const step = this.step++;
    if (this.user.agencyCode) return this.agencyStep(step % 8);
    // Analysts also review: the next submitted submission's page, then its approval.
    if (this.user.role === "analyst") return step % 9 >= 7 ? this.approvalStep(step % 9) : this.dgaStep(step % 9);
    return this.dgaStep(step % 7);
  }

  private approvalStep(step: number): Planned {
    if (step === 7) {
      const next = this.reference.approvals.shift();
      if (!next) return this.dgaStep(0);
      const path = `/submissions/${next.agencyCode}/${OPEN_PERIOD}/${next.componentCode}`;
      const approval = { path, agency: next.agencyCode, component: next.componentCode, form: null as ApproveForm | null };
      this.approval = approval;
      return {
        kind: "page: review",
        method: "GET",
        path,
        check: (status, body) => {
          const problem = pageCheck(status, body);
          if (problem) return problem;
          approval.form = parseApproveForm(body);
          return approval.form ? null : "no approve button on the page";
        },
      };
    }
    const approval = this.approval;
    this.approval = null;
    if (!approval?.form) return this.dgaStep(1);
    const { body, contentType } = actionBody([...approval.form.fields, ["action", "approve"]]);
    return {
      kind: "action: approve",
      method: "POST",
      path: approval.path,
      headers: {
        "content-type": contentType,
        "next-action": approval.form.actionId,
        "next-router-state-tree": routerStateTree(approval.agency, OPEN_PERIOD, approval.component),
        accept: "text/x-component",
        origin: this.origin,
        referer: `${this.origin}${approval.path}`,
      },
      body,
      check: (status, text) => {
        if (status !== 200) return `HTTP ${status}`;
        const result = actionResult(text) as { status: string; error?: string; data?: { status?: string } } | null;
        return result?.status === "success" && result.data?.status === "approved" ? null : `action answered ${result?.error ?? result?.status ?? "nothing"}`;
      },
    };
  }

  /** An officer or head: the overview, their form (saved twice per round), their agency's pages. */
  private agencyStep(step: number): Planned {
    const agency = this.user.agencyCode!;
    const component = this.user.componentCode!;
    const formPath = `/submissions/${agency}/${OPEN_PERIOD}/${component}`;
    switch (step) {
      case 0:
        return this.get("page: overview", "/");
      case 1:
        return this.formPage(formPath);
      case 2:
      case 4:
        return this.form ? this.save(formPath, agency, component) : this.formPage(formPath);
      case 3:
        return this.get("api: agency", `/api/dashboard/agencies/${agency}?period=${OPEN_PERIOD}`);
      case 5:
        return this.get("page: agency", `/agencies/${agency}?period=${this.pick(VIEW_PERIODS)}`);
      case 6:
        return this.get("api: overview", `/api/dashboard/overview?period=${this.pick(VIEW_PERIODS)}`);
      default:
        return this.get("page: component", `/components/${component}?period=${OPEN_PERIOD}`);
    }
  }

  /** An executive or analyst: the overview with and without filters, components, agencies, provenance. */
  private dgaStep(step: number): Planned {
    const period = this.pick(VIEW_PERIODS);
    const filter = this.random() < 0.5 ? "" : `&ministry=${this.pick(this.reference.ministries)}${this.random() < 0.5 ? "&type=local_administration" : ""}`;
    switch (step) {
      case 0:
        return this.get("page: overview", `/?period=${period}${filter}`);
      case 1:
        return this.get("api: overview", `/api/dashboard/overview?period=${period}${filter}`);
      case 2:
        return this.get("page: component", `/components/${this.pick(this.reference.components)}?period=${period}`);
      case 3:
        return this.get("api: component", `/api/dashboard/components/${this.pick(this.reference.components)}?period=${period}`);
      case 4:
        return this.get("page: agency", `/agencies/${this.pick(this.reference.agencies)}?period=${period}`);
      case 5:
        return this.get("api: agency", `/api/dashboard/agencies/${this.pick(this.reference.agencies)}?period=${period}`);
      default:
        return this.get("api: provenance", `/api/dashboard/provenance?indicator=${this.pick(this.reference.indicators)}&period=${period}&limit=50`);
    }
  }

  private formPage(formPath: string): Planned {
    return {
      kind: "page: assessment form",
      method: "GET",
      path: formPath,
      check: (status, body) => {
        const problem = pageCheck(status, body);
        if (problem) return problem;
        this.form = parseForm(body);
        return this.form ? null : "no editable form on the page";
      },
    };
  }

  /** Saves the form with a new progress text: a real change, at the version of the last answer. */
  private save(formPath: string, agency: string, component: string): Planned {
    const form = this.form!;
    const progress = `ความก้าวหน้าไตรมาสนี้ (บันทึกครั้งที่ ${++this.saves} โดย ${this.user.email}): ดำเนินการตามแผนร้อยละ ${Math.round(this.random() * 100)}`;
    const { body, contentType } = saveBody(form, progress);
    return {
      kind: "action: save assessment",
      method: "POST",
      path: formPath,
      headers: {
        "content-type": contentType,
        "next-action": form.actionId,
        "next-router-state-tree": routerStateTree(agency, OPEN_PERIOD, component),
        accept: "text/x-component",
        origin: this.origin,
        referer: `${this.origin}${formPath}`,
      },
      body,
      check: (status, text) => {
        if (status !== 200) return `HTTP ${status}`;
        const result = actionResult(text);
        if (result?.status === "success" && result.data) {
          form.version = result.data.version;
          return null;
        }
        // Each user saves only their own agency's form, one request at a time: a stale version would be a bug.
        this.form = null;
        return result ? `action answered ${result.error ?? result.status}` : "no action result in the answer";
      },
    };
  }
}
