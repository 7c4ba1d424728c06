// The bot's logs: pino JSON lines (one object per line, for a log collector), a short readable line per record when
// stdout is a terminal, LOG_LEVEL, and secrets scrubbed from every line whatever field they hide in.
// The CLI does not log: its stdout/stderr are its user interface.
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Replace secrets in a line: the bot token and interaction/webhook tokens inside URLs. */
export function redactor(token: string): (line: string) => string {
  return (line) => {
    let out = line;
    if (token) out = out.split(token).join('[token]');
    return out
      .replace(/(\/webhooks\/\d+\/)[\w.-]+/g, '$1[token]')
      .replace(/(\/interactions\/\d+\/)[\w.-]+/g, '$1[token]');
  };
}

export interface LoggerOptions {
  level?: LogLevel;
  /** The bot token: never printed, whichever field or message carries it. */
  token?: string;
  /** Where lines go (default stdout). */
  destination?: DestinationStream;
  /** Readable lines instead of JSON (default: when stdout is a terminal). */
  pretty?: boolean;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OWN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** One JSON record → `12:00:00.123 INFO  message key=value …` (err stacks on the lines below). */
export function prettyLine(json: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(typeof rec.time === 'number' ? rec.time : Date.now()).toISOString().slice(11, 23);
  const level = (LEVEL_NAMES[rec.level as number] ?? String(rec.level)).padEnd(5);
  let stack = '';
  const extra: string[] = [];
  for (const [k, v] of Object.entries(rec)) {
    if (OWN_KEYS.has(k)) continue;
    if (k === 'err' && v && typeof v === 'object' && 'stack' in v) stack = `\n  ${String((v as { stack: unknown }).stack).replace(/\n/g, '\n  ')}`;
    else extra.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return `${time} ${level} ${String(rec.msg ?? '')}${extra.length ? ` ${extra.join(' ')}` : ''}${stack}\n`;
}

/** A pino logger with the project's defaults. Every line passes through the redactor before it is written. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const redact = redactor(opts.token ?? '');
  const pretty = opts.pretty ?? (opts.destination === undefined && process.stdout.isTTY === true);
  const out: DestinationStream = opts.destination ?? pino.destination({ dest: 1, sync: true });
  const destination: DestinationStream = pretty ? { write: (s: string) => out.write(prettyLine(s)) } : out;
  return pino({
    level: opts.level ?? 'info',
    base: undefined,
    // Fields named after secrets are dropped by name; anything else is scrubbed from the finished line below.
    redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[token]' },
    hooks: { streamWrite: redact },
  }, destination);
}

/**
 * A logger that hands each record to `sink` as one plain line (`message` or `message: error stack`): for callers
 * that take lines (tests, and modules that log through a `(line) => void`).
 */
export function lineLogger(sink: (line: string) => void, token = ''): Logger {
  return createLogger({
    level: 'trace',
    token,
    pretty: false,
    destination: {
      write(s: string) {
        const rec = JSON.parse(s) as { msg?: string; err?: { stack?: string; message?: string } };
        const err = rec.err ? `: ${rec.err.stack ?? rec.err.message ?? ''}` : '';
        sink(`${rec.msg ?? ''}${err}`);
      },
    },
  });
}

/** `(line) => void` for modules that take one, at `level` of `logger`. */
export function lineSink(logger: Logger, level: Level = 'info'): (line: string) => void {
  return (line) => logger[level](line);
}

/** The subset of `process` crash handling touches (a fake one in tests). */
export interface CrashTarget {
  on(event: 'uncaughtException', fn: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', fn: (reason: unknown) => void): unknown;
  exit(code: number): void;
}

/**
 * An uncaught exception leaves the process in an unknown state: log it and exit non-zero so the supervisor
 * (systemd, a container runtime) restarts the bot. A stray rejection (a network hiccup inside a library) is logged
 * and the bot runs on.
 */
export function installCrashHandlers(logger: Logger, target: CrashTarget = process): void {
  target.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception, exiting');
    target.exit(1);
  });
  target.on('unhandledRejection', (reason) => {
    logger.error(reason instanceof Error ? { err: reason } : { reason: String(reason) }, 'unhandled rejection');
  });
}
