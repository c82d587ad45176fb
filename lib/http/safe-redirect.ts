/** Only same-site paths are followed after sign-in; anything else (//evil, https://…) goes home. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/signin")) return "/";
  return path;
}
