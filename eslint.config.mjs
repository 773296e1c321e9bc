import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { drizzle },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A Drizzle update or delete without a where clause touches every row: never by accident.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // Imports go one way: a module never reaches itself again through what it imports, so each
    // part can be read (and tested) from the bottom up.
    files: ["server/**/*.ts", "workers/**/*.ts", "app/**/*.{ts,tsx}"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // One door: pages, route handlers and server actions read and change data only through the API
    // (app/_trpc/server.tsx), never by importing domain modules or the database. Allowed from server/:
    // types, the auth config (sessions), the API's input schemas and limits, pure labels and
    // formats shared with the browser, and reading a request's body up to a cap (and the upload slots that ration it).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/_trpc/server.tsx", "app/api/trpc/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^@/server/(?!(auth/config|api/limits|api/routers/[\\w-]+/[\\w-]+\\.schema|scope/roles|organisation/kinds|support/deadline|support/workflow|export/csv|http/read-body|http/upload-slots)$)",
              allowTypeImports: true,
              message: "Go through the API (app/_trpc/server.tsx): pages never import domain modules or the database.",
            },
          ],
        },
      ],
    },
  },
  {
    // Handlers only hand over: they pass the context's actor, configuration and input to a domain
    // function. Queries and the resolver's questions belong in the domain (server/<domain>/) or the
    // procedure kind, the environment in the context.
    files: ["server/api/routers/**/*.handler.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm", message: "Handlers never query: put the query in the domain function." }],
          patterns: [
            {
              regex: "(^|/)db/(schema|client)$",
              allowTypeImports: true,
              message: "Handlers never query: put the query in the domain function.",
            },
            {
              regex: "(^|/)env$",
              message: "Handlers never read the environment: use ctx.config.",
            },
            {
              regex: "(^|/)scope(/[\\w-]+)?$",
              allowTypeImports: true,
              message:
                "Handlers never ask the resolver: the procedure kind asks about the target (ctx.require for a second one), the domain function about the rest.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
