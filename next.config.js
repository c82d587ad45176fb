import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled at build time (next-intl's precompile): a page no longer parses each ICU message it
// formats on every request (10-15 % of a dashboard page's server CPU), and the browser gets them compiled too.
// Code run outside the build (the worker, scripts, tests) reads messages/*.json as they are, with the full
// formatter; both give the same text.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Turbopack must not bundle PGlite: it resolves its wasm/data files relative to its own module URL.
  // exceljs stays external too: lib/import/exceljs.ts patches its streaming XML parser through Node's
  // require cache, which only exists for packages Node loads itself. pg-boss shares the pg driver.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "exceljs"],
  poweredByHeader: false,
  // Headers for every response (pages, API, files); the Content-Security-Policy with its per-request
  // nonce, and HSTS behind TLS, are set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
