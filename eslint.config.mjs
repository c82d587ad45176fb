import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";

// The layers, lowest first. Each may import only from the layers below it (README "Architecture in brief"):
//   core/        shared vocabulary and pure rules: no database, no framework
//   db/          schema, client and queries: imports core
//   lib/         services (writes with their audit rows, facts, jobs, reports): imports db and core
//   components/  UI: imports core, lib and db types only, and the server actions in app/
//   app/         routes, pages and server actions: imports everything
// scripts/ (CLIs, seeds, generators), tests/ and e2e/ sit outside and may import any layer.
const below = (layer, forbidden, message) => forbidden.map((from) => ({ target: `./${layer}`, from: `./${from}`, message }));

const layerZones = [
  ...below("core", ["db", "lib", "components", "app", "scripts", "i18n"], "core/ is the bottom layer: it imports nothing of the application."),
  ...below("db", ["lib", "components", "app", "scripts"], "db/ imports only core/."),
  ...below("lib", ["components", "app", "scripts"], "lib/ imports only db/ and core/."),
  ...below("components", ["scripts"], "components/ never import scripts."),
  {
    target: "./components",
    from: "./app/**/*",
    except: ["**/app/**/actions.ts", "**/app/**/*-actions.ts"],
    message: "components/ import only server actions from app/.",
  },
];

const config = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...coreWebVitals,
  ...typescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["core/**", "db/**", "lib/**", "components/**", "app/**"],
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
      "import/ignore": ["node_modules"],
    },
    rules: {
      "import/no-restricted-paths": ["error", { zones: layerZones }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // Components render; they read through server pages and write through server actions.
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db/*", "@/lib/*"], allowTypeImports: true, message: "components/ may import only types from lib/ and db/." }] },
      ],
    },
  },
  {
    // A form action resets its form afterwards, and a raw controlled choice then shows its page-load state.
    files: ["components/**", "app/**"],
    ignores: ["components/ui/choice-input.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='input'] > JSXAttribute[name.name='checked']",
          message: "Use ChoiceInput (components/ui/choice-input.tsx) for a controlled radio button or checkbox: it survives the form reset after an action.",
        },
      ],
    },
  },
];

export default config;
