import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";
import { contentSignatures, contentVersions, users, type SignatureMeaning } from "../db/schema";
import { DomainError } from "../domain-error";
import { checkSecretInSession } from "../auth/secret-check";
import { verifyPassword } from "../auth/password";
import { checkSecondFactor } from "../auth/two-factor";

/** What the signer states by signing, shown with the signature wherever it is shown. */
export const meaningLabel: Record<SignatureMeaning, string> = { approved: "Approved", published: "Published" };

/** What a signer gives to sign: their password again, and a code when they use two-step verification. */
export interface SignerCredentials {
  password: string;
  code?: string | undefined;
}

const refused = "That password (or code) is not right. The version was not signed.";

/**
 * Checks that the person signing is the signed-in user, by their password again (and their code,
 * with two-step verification on): counted like sign-in attempts, so a left-open session cannot be
 * used to guess. Refuses with one sentence whichever part was wrong. Returns their name as signed.
 */
export async function authenticateSigner(
  db: Database,
  signer: { userId: string; sessionId: string | null; ip: string | null; secret: string },
  credentials: SignerCredentials,
): Promise<string> {
  const [user] = await db
    .select({
      passwordHash: users.passwordHash,
      twoFactorEnabled: users.twoFactorEnabled,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(users)
    .where(eq(users.id, signer.userId));
  if (!user?.passwordHash) throw new DomainError("BAD_REQUEST", refused);
  const hash = user.passwordHash;
  const attempt = { userId: signer.userId, sessionId: signer.sessionId, ip: signer.ip, userAgent: null };
  const passwordRight = await checkSecretInSession(db, { ...attempt, reason: "wrong_password" }, () =>
    verifyPassword(hash, credentials.password),
  );
  if (!passwordRight) throw new DomainError("BAD_REQUEST", refused);
  if (user.twoFactorEnabled) {
    const code = credentials.code?.trim() ?? "";
    const codeRight = await checkSecretInSession(db, { ...attempt, reason: "wrong_code" }, async () =>
      code ? (await db.transaction((tx) => checkSecondFactor(tx, signer.secret, signer.userId, code))) !== null : false,
    );
    if (!codeRight) throw new DomainError("BAD_REQUEST", refused);
  }
  return `${user.firstName} ${user.lastName}`.trim();
}

/** SHA-256 (hex) over a version's content in canonical form: what a signature is given to. */
export async function versionContentHash(tx: DbOrTx, versionId: string): Promise<string> {
  const [row] = await tx.execute<{ hash: string }>(sql`
    select encode(sha256(convert_to(jsonb_build_array(item_id, number, title, summary, body)::text, 'UTF8')), 'hex') as hash
    from ${contentVersions} where id = ${versionId}`);
  if (!row) throw new DomainError("NOT_FOUND", "No such content.");
  return row.hash;
}

/** Records a signature on a version, bound to the hash of its content now. */
export async function signVersion(
  tx: DbOrTx,
  input: { versionId: string; signerId: string; signerName: string; meaning: SignatureMeaning; ip: string | null },
): Promise<{ contentHash: string }> {
  const contentHash = await versionContentHash(tx, input.versionId);
  await tx.insert(contentSignatures).values({ ...input, contentHash });
  return { contentHash };
}

/**
 * The approval's signature must still hold for the version about to be published: the same content
 * hash. A version changed after it was signed (it cannot be, through the app) is refused.
 */
export async function assertApprovalHolds(tx: DbOrTx, versionId: string): Promise<void> {
  const [approval] = await tx
    .select({ contentHash: contentSignatures.contentHash })
    .from(contentSignatures)
    .where(and(eq(contentSignatures.versionId, versionId), eq(contentSignatures.meaning, "approved")));
  if (!approval || approval.contentHash !== (await versionContentHash(tx, versionId)))
    throw new DomainError(
      "PRECONDITION_FAILED",
      "This version's content is not what was approved: save it as a new version and have that approved.",
    );
}

/** The signatures of these versions, oldest first: who, when, meaning, the content's hash. */
export async function signaturesOf(db: DbOrTx, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      versionId: contentSignatures.versionId,
      signerName: contentSignatures.signerName,
      meaning: contentSignatures.meaning,
      contentHash: contentSignatures.contentHash,
      signedAt: contentSignatures.signedAt,
    })
    .from(contentSignatures)
    .where(inArray(contentSignatures.versionId, versionIds))
    .orderBy(contentSignatures.signedAt);
}
