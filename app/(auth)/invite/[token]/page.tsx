import type { Metadata } from "next";
import { PasswordLinkPage } from "../../_password-link/password-link-page";

export const metadata: Metadata = { title: "Set your password", robots: { index: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage purpose="invitation" token={(await params).token} />;
}
