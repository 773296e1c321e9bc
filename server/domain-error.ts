/**
 * A refusal written for the person who asked: domain functions throw it, and tRPC turns it into
 * its code with this message (routers and workers share the functions, not the transport).
 */
export class DomainError extends Error {
  constructor(
    readonly code:
      | "BAD_REQUEST"
      | "CONFLICT"
      | "PRECONDITION_FAILED"
      | "NOT_FOUND"
      | "FORBIDDEN"
      | "UNAUTHORIZED"
      | "TOO_MANY_REQUESTS",
    message: string,
  ) {
    super(message);
  }
}
