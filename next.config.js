import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

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
