/**
 * `npm run setup -- --owner "Helix Medical" --email admin@helix.example --first-name Olivia --last-name Owens`
 * (or the SETUP_* variables): the owner organisation and first owner admin of an empty
 * installation. Refuses, with exit status 1, once the installation has an owner.
 */
import { parseArgs } from "node:util";
import { runSetUp, setupFields } from "../server/installation/set-up-command";
import { exitOnInvalidEnv } from "../server/startup-check";

const usage =
  'Usage: npm run setup -- --owner "Your organisation" --email admin@example.com --first-name Ada --last-name Admin';
let values: Parameters<typeof setupFields>[0];
try {
  values = parseArgs({
    options: {
      owner: { type: "string" },
      email: { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
    },
    strict: true,
  }).values;
} catch (error) {
  console.log(`Set-up refused: ${error instanceof Error ? error.message : String(error)}`);
  console.log(usage);
  process.exit(1);
}
// DATABASE_URL and AUTH_SECRET (the invitation link is derived from it) must be set and sound.
exitOnInvalidEnv("Set-up refused: ");
process.exit(await runSetUp(setupFields(values, process.env), "refuse"));
