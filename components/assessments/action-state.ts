import type { ActionState } from "@/lib/http/action";

/** The initial state of every assessment form (a plain value, importable from client components). */
export const IDLE_STATE = { status: "idle" } as ActionState<never>;
