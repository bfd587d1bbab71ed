import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from './log';

/**
 * Prometheus metrics (`GET /metrics`, prom-client): the process's defaults (CPU, memory, event-loop delay,
 * handles) and the app's own. Counts that already live somewhere (rooms, players, sockets, the write queues)
 * are read when Prometheus scrapes, so the game's hot path pays nothing for them; the one per-answer cost is a
 * histogram observation of the answer's ack latency.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Seconds from a `player:answer` arriving on its socket to its ack being sent. */
  observeAnswerAck(seconds: number): void;
  /** A request or message refused by a rate limit (`limit`: the per-address limit, or `socket`). */
  limited(limit: string): void;
  /** An HTTP response went out with `status`. */
  httpResponse(status: number): void;
  /** Something went wrong (logged at level error); `source` is the log message, a fixed string. */
  error(source: string): void;
}

/** What the scrape reads from the live process. */
export interface MetricSources {
  /** This process's live rooms. */
  rooms(): Iterable<{ phase: string; connectedPlayers: number; writeBacklog: number }>;
  /** Open socket.io connections. */
  sockets(): number;
}

export function createMetrics(sources: MetricSources): Metrics {
  // A registry of its own (not prom-client's global one): tests run several servers in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'quizroom_rooms',
    help: 'Live rooms in this process, by phase',
    labelNames: ['phase'],
    registers: [registry],
    collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const r of sources.rooms()) counts.set(r.phase, (counts.get(r.phase) ?? 0) + 1);
      for (const [phase, n] of counts) this.set({ phase }, n);
    },
  });
  new Gauge({
    name: 'quizroom_players_connected',
    help: 'Connected players (not removed) in the live rooms of this process',
    registers: [registry],
    collect() {
      let n = 0;
      for (const r of sources.rooms()) n += r.connectedPlayers;
      this.set(n);
    },
  });
  new Gauge({
    name: 'quizroom_write_queue_ops',
    help: 'Rows (persist ops) queued or being written and not yet stored, over the live rooms of this process',
    registers: [registry],
    collect() {
      let n = 0;
      for (const r of sources.rooms()) n += r.writeBacklog;
      this.set(n);
    },
  });
  new Gauge({
    name: 'quizroom_sockets',
    help: 'Open socket.io connections to this process',
    registers: [registry],
    collect() {
      this.set(sources.sockets());
    },
  });
  const answerAck = new Histogram({
    name: 'quizroom_answer_ack_seconds',
    help: 'Time from a player:answer arriving to its ack being sent',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'quizroom_rate_limited_total',
    help: 'Requests and socket messages refused by a rate limit',
    labelNames: ['limit'],
    registers: [registry],
  });
  const http = new Counter({
    name: 'quizroom_http_responses_total',
    help: 'HTTP responses by status class',
    labelNames: ['status'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'quizroom_errors_total',
    help: 'Errors logged, by what failed',
    labelNames: ['source'],
    registers: [registry],
  });

  return {
    registry,
    observeAnswerAck: (s) => answerAck.observe(s),
    limited: (limit) => limited.inc({ limit }),
    httpResponse: (status) => http.inc({ status: `${Math.floor(status / 100)}xx` }),
    error: (source) => errors.inc({ source }),
  };
}

/** A logger that also counts every error it logs (`quizroom_errors_total`), so no failure goes unmetered. */
export function countingErrors(log: Logger, metrics: Pick<Metrics, 'error'>): Logger {
  return {
    debug: (m, d) => log.debug(m, d),
    info: (m, d) => log.info(m, d),
    warn: (m, d) => log.warn(m, d),
    error: (m, d) => {
      metrics.error(m);
      log.error(m, d);
    },
  };
}
