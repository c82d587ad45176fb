import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import CLIENT_KEYS from "@/i18n/client-keys.json";
import { providerKey } from "@/i18n/provider-key";

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

/** The messages under the given key paths ("flags.note", "flags.errors"), nothing else. */
export function pickKeys(messages: AbstractIntlMessages, keys: readonly string[]): AbstractIntlMessages {
  const wanted = (path: string) => keys.some((key) => key === "" || path === key || path.startsWith(`${key}.`));
  const within = (path: string) => keys.some((key) => key.startsWith(`${path}.`));
  const walk = (node: AbstractIntlMessages, prefix: string): AbstractIntlMessages => {
    const kept: AbstractIntlMessages = {};
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (wanted(path)) kept[key] = value;
      else if (typeof value === "object" && within(path)) kept[key] = walk(value, path);
    }
    return kept;
  };
  return walk(messages, "");
}

/**
 * Sends the browser only what the client components below use: of the namespaces named, the keys the client
 * components of the routes under this provider look up (i18n/client-keys.json, found in the source by
 * scripts/i18n/client-keys.ts);
 * the rest of the catalogue stays on the server. tests/unit/client-messages.test.ts checks each route's
 * list against its client components, and that the key list is current.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly string[]; children: ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages(), namespaces)}>{children}</NextIntlClientProvider>;
}

// The catalogue of a locale is one object for the life of the process: its picks are kept with it.
const picked = new WeakMap<AbstractIntlMessages, Map<string, AbstractIntlMessages>>();

function clientMessages(messages: AbstractIntlMessages, namespaces: readonly string[]): AbstractIntlMessages {
  const byNamespaces = picked.get(messages) ?? new Map<string, AbstractIntlMessages>();
  picked.set(messages, byNamespaces);
  const key = providerKey(namespaces);
  let result = byNamespaces.get(key);
  if (!result) {
    // Each provider's list (by its namespaces); a list the generator has not seen is sent whole.
    const keys = (CLIENT_KEYS as Record<string, string[]>)[key];
    result = keys ? pickKeys(pickNamespaces(messages, namespaces), keys) : pickNamespaces(messages, namespaces);
    byNamespaces.set(key, result);
  }
  return result;
}
