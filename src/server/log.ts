/** A small structured logger (one JSON line per event in production, readable lines in development). */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

export function createLogger(level: LogLevel = 'info', json = false): Logger {
  const min = LEVELS.indexOf(level);
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, data?: Record<string, unknown>) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const line = json
      ? JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...data })
      : `[quizroom] ${lvl} ${msg}${data ? ` ${JSON.stringify(data)}` : ''}`;
    (lvl === 'error' || lvl === 'warn' ? console.error : console.log)(line);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}

export const silentLogger: Logger = createLogger('silent');
