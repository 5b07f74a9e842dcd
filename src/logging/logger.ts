/**
 * Where the client writes its diagnostics. The default is silent; use
 * {@link consoleLogger} while developing. Phone numbers in `details` are
 * redacted by the client before they reach the logger, unless the client was
 * created with `logPhoneNumbers: true`.
 *
 * @example
 * ```ts
 * const logger: Logger = {
 *   debug: () => {},
 *   info: (message, details) => myTelemetry.info(message, details),
 *   warn: (message, details) => myTelemetry.warn(message, details),
 *   error: (message, details) => myTelemetry.error(message, details),
 * };
 * ```
 */
export interface Logger {
  /** Every message in and out; verbose. */
  debug(message: string, details?: unknown): void;
  /** Lifecycle: ready, calls started and ended. */
  info(message: string, details?: unknown): void;
  /** Something unexpected was ignored. */
  warn(message: string, details?: unknown): void;
  /** Something failed. */
  error(message: string, details?: unknown): void;
}

/**
 * Log levels, quietest last.
 *
 * @example
 * ```ts
 * consoleLogger({ level: "warn" });
 * ```
 */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

/**
 * One of {@link LOG_LEVELS}.
 *
 * @example
 * ```ts
 * const level: LogLevel = "debug";
 * ```
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

const noop = () => {};

/** True for the do-nothing method of {@link silentLogger} and of levels a `consoleLogger` leaves out. @internal */
export const isSilent = (method: Logger[keyof Logger]): boolean => method === noop;

/**
 * A logger that writes nothing: the client's default.
 *
 * @example
 * ```ts
 * createCallingClient({ provider, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * A logger that writes to `console` from `level` up (default `"info"`),
 * prefixed with `[hubspot-calling-kit]`.
 *
 * @example
 * ```ts
 * createCallingClient({ provider, logger: consoleLogger({ level: "debug" }) });
 * ```
 */
export function consoleLogger(options: { level?: LogLevel } = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? "info");
  // A level left out is the shared no-op, so the client skips preparing its details.
  const at = (level: Exclude<LogLevel, "silent">) =>
    LOG_LEVELS.indexOf(level) < min
      ? noop
      : (message: string, details?: unknown): void => {
          const line = `[hubspot-calling-kit] ${message}`;
          if (details === undefined) console[level](line);
          else console[level](line, details);
        };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
