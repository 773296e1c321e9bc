import { z } from "zod";
import { personalDataInput, setPhotoInput } from "../users/manage.schema";

// One's own profile: the same rules as an admin's edit, without the manager (an admin sets that).
export const ownPersonalDataInput = personalDataInput.omit({ userId: true, managerId: true });
export const ownPhotoInput = setPhotoInput.omit({ userId: true });

/** The emails one chooses to get: the community boards' daily digest. */
export const emailPreferencesInput = z.object({ boardDigest: z.boolean() }).strict();
