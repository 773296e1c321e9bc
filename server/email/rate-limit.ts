/**
 * Spaces calls so that at most `perSecond` start in any one second (Resend allows 2 per second
 * by default). In-process: with several workers the provider's 429 and Retry-After do the rest.
 */
export function createRateLimiter(perSecond: number): { take: () => Promise<void> } {
  const spacingMs = 1000 / perSecond;
  let next = 0;
  return {
    async take() {
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + spacingMs;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    },
  };
}
