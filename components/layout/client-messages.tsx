import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

/** The messages of the named namespaces ("flags", "imports.history"), nothing else of the catalogue. */
export function pickNamespaces(messages: AbstractIntlMessages, namespaces: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const namespace of namespaces) {
    const keys = namespace.split(".");
    let from: AbstractIntlMessages | string | undefined = messages;
    let into = picked;
    keys.forEach((key, index) => {
      if (typeof from !== "object") return;
      from = from[key];
      if (from === undefined) return;
      if (index === keys.length - 1) into[key] = from;
      else into = (into[key] ??= {}) as AbstractIntlMessages;
    });
  }
  return picked;
}

/**
 * Sends the browser only the namespaces the client components below use; the rest of the catalogue stays on
 * the server. tests/unit/client-messages.test.ts checks each route's list against its client components.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickNamespaces(messages, namespaces)}>{children}</NextIntlClientProvider>;
}
