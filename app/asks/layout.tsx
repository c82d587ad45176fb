import type { ReactNode } from "react";
import { ClientMessages } from "@/components/layout/client-messages";

/** The message namespaces this area's client components use (checked by tests/unit/client-messages.test.ts). */
const CLIENT_NAMESPACES = ["asks", "errors"];

export default function AsksLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={CLIENT_NAMESPACES}>{children}</ClientMessages>;
}
