import { z } from "zod";

const id = z.uuid();

/**
 * Whether a path segment can name a row at all: pages and routes answer "not found" to anything
 * else before they ask the API (which checks its own inputs the same way).
 */
export const isId = (value: string): boolean => id.safeParse(value).success;
