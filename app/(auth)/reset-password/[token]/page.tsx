import type { Metadata } from "next";
import { PasswordLinkPage } from "../../_password-link/password-link-page";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage purpose="password_reset" token={(await params).token} />;
}
