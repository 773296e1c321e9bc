/**
 * The headers every response carries. The Content-Security-Policy allows the app's own scripts
 * (Next.js inlines its bootstrap, hence 'unsafe-inline' without a per-request nonce), images from
 * the app, data: URLs (the two-step QR code) and https (course pages may show an image by link,
 * written by the owner's editors), and nothing may frame the app. Pages of what anyone may write
 * (`outsideImages: false`: the community boards) allow the app's own images only. No Referer
 * leaves the app: a token link's path must never travel.
 */
export function securityHeaders(options: {
  appUrl: string;
  development: boolean;
  outsideImages?: boolean;
}): Record<string, string> {
  const https = new URL(options.appUrl).protocol === "https:";
  const csp = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'unsafe-inline'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${options.outsideImages === false ? "" : " https:"}`,
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
