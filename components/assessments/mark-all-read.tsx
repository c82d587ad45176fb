"use client";

import { useActionState } from "react";
import { markAllReadAction } from "@/app/notifications/actions";
import { IDLE_STATE } from "./action-state";

export function MarkAllReadButton({ label }: { label: string }) {
  const [, action, pending] = useActionState(markAllReadAction, IDLE_STATE);
  return (
    <form action={action}>
      <button className="btn btn--secondary" disabled={pending}>
        {label}
      </button>
    </form>
  );
}
