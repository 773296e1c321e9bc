/**
 * `npm run setup -- --owner "Helix Medical" --email admin@helix.example --first-name Olivia --last-name Owens`
 * (or the SETUP_* variables): the owner organisation and first owner admin of an empty
 * installation. Refuses, with exit status 1, once the installation has an owner.
 */
import { parseArgs } from "node:util";
import { runSetUp, setupFields } from "../server/installation/set-up-command";

const { values } = parseArgs({
  options: {
    owner: { type: "string" },
    email: { type: "string" },
    "first-name": { type: "string" },
    "last-name": { type: "string" },
  },
  strict: true,
});
process.exit(await runSetUp(setupFields(values, process.env), "refuse"));
