/**
 * How a <ClientMessages> provider is known in i18n/client-keys.json: the namespaces it is given, in order.
 * Shared by the provider (at run time) and the generator that writes the file (scripts/i18n/client-keys.ts).
 */
export function providerKey(namespaces: readonly string[]): string {
  return namespaces.join(",");
}
