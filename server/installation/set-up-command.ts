import { createDatabase } from "../db/client";
import { DomainError } from "../domain-error";
import { env } from "../env";
import { stopEnqueueing } from "../jobs/enqueue";
import { ALREADY_SET_UP, installationSetupInput, isSetUp, setUpInstallation, type InstallationSetup } from "./set-up";

/** What the set-up reads: the command's options first, then the SETUP_* environment variables. */
export function setupFields(
  options: Partial<Record<"owner" | "email" | "first-name" | "last-name", string>>,
  source: Record<string, string | undefined>,
) {
  return {
    ownerName: options.owner ?? source.SETUP_OWNER_NAME,
    adminEmail: options.email ?? source.SETUP_ADMIN_EMAIL,
    adminFirstName: options["first-name"] ?? source.SETUP_ADMIN_FIRST_NAME,
    adminLastName: options["last-name"] ?? source.SETUP_ADMIN_LAST_NAME,
  };
}

/**
 * Runs the set-up for the command line and the migrate step: one line per outcome, for a person
 * reading a terminal or a container's log. Returns the exit status.
 * `whenSetUp`: "refuse" (the command: exit 1) or "skip" (the migrate step runs on every start).
 */
export async function runSetUp(
  fields: Partial<InstallationSetup>,
  whenSetUp: "refuse" | "skip",
  log: (line: string) => void = console.log,
): Promise<number> {
  const parsed = installationSetupInput.safeParse(fields);
  if (!parsed.success) {
    log(`Set-up refused: ${parsed.error.issues.map((issue) => issue.message).join(" ")}`);
    return 1;
  }
  const config = env();
  const { db, close } = createDatabase(config.DATABASE_URL, { max: 1 });
  try {
    if (await isSetUp(db)) {
      if (whenSetUp === "skip") {
        log("The installation is set up already: the SETUP_* variables are not needed any more.");
        return 0;
      }
      log(`Set-up refused: ${ALREADY_SET_UP}`);
      return 1;
    }
    const result = await setUpInstallation(db, { appUrl: config.APP_URL, secret: config.AUTH_SECRET }, parsed.data);
    log(`Set up "${parsed.data.ownerName}" with ${parsed.data.adminEmail} as its first owner admin.`);
    if (config.RESEND_API_KEY) {
      log(`The invitation is queued for ${parsed.data.adminEmail}: a worker (npm run worker) sends it.`);
    } else {
      log("No email provider is configured (RESEND_API_KEY), so no email will reach them.");
      log("Give them this one-time invitation link instead; it works once and expires:");
      log(`  ${result.invitationLink}`);
    }
    log("On their first sign-in they set up two-step verification, then the dashboard shows the first steps.");
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      log(`Set-up refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await stopEnqueueing();
    await close();
  }
}
