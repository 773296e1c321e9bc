/** Limits of the tRPC endpoint, shared by the server and the browser's client. */

/** Procedures in one batched request; the browser's link batches at most this many. */
export const trpcMaxBatchSize = 10;

/** A request body: the largest input is a 2 MB photo sent as base64 (2.8 MB), with room to spare. */
export const trpcMaxBodyBytes = 4 * 1024 * 1024;

/**
 * A request body from someone not signed in: the public forms (sign-in, a password link, the
 * registration request) are a few kilobytes. Nothing larger is read before the caller is known.
 */
export const trpcMaxAnonymousBodyBytes = 64 * 1024;
