import { EventEmitter, on } from "node:events";
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client";

/**
 * The PostgreSQL channel on which every change to a thread is announced (`pg_notify` in the
 * change's own transaction, so listeners hear of it once it is committed). Every app instance
 * listens, so a reader connected to any instance hears of a post made through any other.
 */
export const boardChannel = "board_activity";

/** Tells every app instance's listeners that a thread changed (delivered when `tx` commits). */
export async function announce(tx: DbOrTx, boardId: string, threadId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${boardChannel}, ${JSON.stringify({ boardId, threadId })})`);
}

interface BoardEvent {
  boardId: string;
  threadId: string;
}

// One LISTEN connection per process, shared by every open stream (kept across hot reloads).
const live = globalThis as unknown as { boardEvents?: { emitter: EventEmitter; listening: Promise<unknown> } };

function boardEvents(database: Database) {
  if (!live.boardEvents) {
    const emitter = new EventEmitter();
    // One listener per open thread page: as many as there are readers.
    emitter.setMaxListeners(0);
    const listening = database.$client
      .listen(boardChannel, (payload) => {
        try {
          const event = JSON.parse(payload) as BoardEvent;
          if (typeof event.threadId === "string") emitter.emit(event.threadId, event);
        } catch {
          // Not one of ours: nothing to tell.
        }
      })
      .catch((error: unknown) => {
        // The next stream tries again.
        live.boardEvents = undefined;
        throw error;
      });
    live.boardEvents = { emitter, listening };
  }
  return live.boardEvents;
}

/** Resolves once this process listens on the channel (at once after the first stream opened). */
export async function boardsListening(database: Database): Promise<void> {
  await boardEvents(database).listening;
}

/** Yields once for every change to the thread, until `signal` aborts (the reader left). */
export async function* threadChanges(
  database: Database,
  threadId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ threadId: string }> {
  const { emitter, listening } = boardEvents(database);
  await listening;
  try {
    for await (const _event of on(emitter, threadId, signal ? { signal } : {})) yield { threadId };
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
}
