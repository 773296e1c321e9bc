/**
 * What the links in emails are made of: the app's public URL, and the server's secret from which
 * invitation tokens are derived. One module of its own, so that every domain that sends a link
 * (invitations, password resets, locks, registrations) imports it without importing another domain.
 */
export interface LinkConfig {
  appUrl: string;
  secret: string;
}
