"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { requestInfo } from "@/server/auth/request-info";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { registrationRequestInput, submitRegistrationRequest } from "@/server/registration/submit-request";

export interface RequestAccessState {
  outcome: null | "received" | "closed" | "rate_limited";
  email: string | null;
  fieldErrors: Record<string, string[] | undefined>;
}

export async function requestAccess(_previous: RequestAccessState, formData: FormData): Promise<RequestAccessState> {
  const parsed = registrationRequestInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { outcome: null, email: null, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const { ip } = requestInfo(await headers());
  const outcome = await submitRegistrationRequest(db(), parsed.data, { ip, appUrl: env().APP_URL });
  return { outcome, email: parsed.data.email, fieldErrors: {} };
}
