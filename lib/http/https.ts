/**
 * Whether users reach the app over https (NEXTAUTH_URL, its public address; TLS usually ends at the load
 * balancer). next-auth makes its own cookies Secure by the same rule; the app's cookies follow it.
 */
export function servedOverHttps(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}
