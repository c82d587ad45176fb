"use client";

import { markAllReadAction } from "@/app/notifications/actions";
import { useActionForm } from "@/components/ui/use-action-form";

export function MarkAllReadButton({ label }: { label: string }) {
  const { formAction: action, pending } = useActionForm(markAllReadAction);
  return (
    <form action={action}>
      <button className="btn btn--secondary" disabled={pending}>
        {label}
      </button>
    </form>
  );
}
