import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema; applying them goes through scripts/migrate.ts so that the
// embedded database's lock is respected.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
