import type { ReactNode } from "react";
import { ClientMessages } from "@/components/layout/client-messages";

/** The message namespaces this area's client components use (checked by tests/unit/client-messages.test.ts). */
const CLIENT_NAMESPACES = ["dateInput", "flags", "worklist", "errors"];

export default function LaggingLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={CLIENT_NAMESPACES}>{children}</ClientMessages>;
}
