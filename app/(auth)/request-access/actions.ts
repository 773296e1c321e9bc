"use server";

import { z } from "zod";
import { api } from "@/app/_trpc/server";
import { registrationRequestInput } from "@/server/api/routers/registration/request.schema";
import type { SubmitOutcome } from "@/server/registration/submit-request";

export interface RequestAccessState {
  outcome: null | SubmitOutcome;
  email: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  /** What was typed, put back into the form after an error (React resets a form once its action ran). */
  values: Record<string, string>;
}

export async function requestAccess(_previous: RequestAccessState, formData: FormData): Promise<RequestAccessState> {
  const values = Object.fromEntries(
    [...formData.entries()].flatMap(([key, value]) =>
      typeof value === "string" && key !== "website" ? [[key, value]] : [],
    ),
  );
  // "My facility is not in the list" sends an empty facility id: the typed name and country apply.
  const fields = Object.fromEntries(
    Object.entries(Object.fromEntries(formData)).filter(([key, value]) => !(key === "facilityId" && value === "")),
  );
  const parsed = registrationRequestInput.safeParse(fields);
  if (!parsed.success)
    return { outcome: null, email: null, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  // The fields just passed the form's own check; the procedure checks them again.
  const outcome = await api.registration.submitRequest(fields as z.input<typeof registrationRequestInput>);
  return { outcome, email: parsed.data.email, fieldErrors: {}, values };
}
