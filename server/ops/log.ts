import pino from "pino";
import pretty from "pino-pretty";

/**
 * The processes' log (the front door's requests, the worker's jobs): one JSON object a line in
 * production, for a log pipeline; readable lines in development. Not for the app's bundled code.
 */
export function createLog(name: string, options: { development: boolean }) {
  return options.development
    ? pino(
        { name },
        pretty({
          sync: true,
          colorize: false,
          singleLine: true,
          translateTime: "SYS:HH:MM:ss",
          ignore: "pid,hostname",
        }),
      )
    : pino({ name });
}
