/**
 * Spaces calls so that at most `perSecond` start in one second (Resend allows 2 per second
 * by default). In-process: with several workers the provider's 429 and Retry-After do the rest.
 */
export function createRateLimiter(perSecond: number): { take: () => Promise<void> } {
  // A 2 % margin: a call that lands a hair early in the provider's window costs a 429 and a
  // whole second of Retry-After, far more than the margin does.
  const spacingMs = (1000 / perSecond) * 1.02;
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
