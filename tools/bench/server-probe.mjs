// Preloaded into the server process by the bench (`node --import ./tools/bench/server-probe.mjs dist/server.js`),
// so the server needs no code of its own for measuring: it does nothing unless the process was spawned with an
// IPC channel. It answers the coordinator's `probe:*` messages with the event-loop delay (perf_hooks
// monitorEventLoopDelay), memory and CPU time of this process, and reports when the server starts (and ends)
// each `room:state` broadcast, so latencies are measured from the real send time even though the payload
// carries no timestamp. Plain JavaScript so it loads without tsx.
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const RESOLUTION_MS = 5;

if (typeof process.send === 'function' && process.env.QUIZROOM_BENCH_PROBE === '1') {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  // A second one for steps inside a phase (one question), read and reset by `probe:step`.
  const step = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  step.enable();
  let cpu0 = process.cpuUsage();
  let elu0 = performance.eventLoopUtilization();

  // The histogram records the whole timer interval: subtract the resolution to get the delay.
  const ms = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

  const reading = (id, h = histogram) => {
    const cpu = process.cpuUsage(cpu0);
    const mem = process.memoryUsage();
    const count = h.count;
    return {
      type: 'probe:reading',
      id,
      loop: {
        p50: count > 0 ? ms(h.percentile(50)) : 0,
        p99: count > 0 ? ms(h.percentile(99)) : 0,
        max: count > 0 ? ms(h.max) : 0,
        mean: count > 0 ? ms(h.mean) : 0,
        count,
      },
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      cpuMs: (cpu.user + cpu.system) / 1000,
      // The monotonic clock of V8's CPU profiles (µs): marks phases in a --cpu-prof file.
      hrUs: Number(process.hrtime.bigint() / 1000n),
      elu: performance.eventLoopUtilization(elu0).utilization,
    };
  };

  // Stamp room broadcasts: the server publishes each one on the `quizroom:broadcast` diagnostics channel
  // (src/server/realtime/fast-broadcast.ts) with its start time and how long the synchronous write to every
  // socket took; channels are global by name, so this sees the server's module copy too.
  subscribe('quizroom:broadcast', (m) => {
    if (!m || m.event !== 'room:state') return;
    const st = m.payload;
    // Lobby states are not needed: keep the coordinator's mailbox small.
    if (!st || st.phase === 'lobby') return;
    process.send?.({
      type: 'probe:broadcast',
      t: m.startedAt,
      hrUs: Number(process.hrtime.bigint() / 1000n) - Math.round((m.fanOutMs || 0) * 1000),
      fanOutMs: m.fanOutMs,
      phase: st.phase,
      index: st.question ? st.question.index : null,
      questionNumber: st.questionNumber,
    });
  });

  const settle = () => new Promise((r) => setTimeout(r, 300));

  process.on('message', async (m) => {
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    if (m.type === 'probe:idle') {
      // Waits until the process has been idle (CPU under 20% of wall time) for quietMs, at most maxMs: the
      // room's write-behind queue has finished what the close started. (Not event-loop utilisation: under
      // --cpu-prof an idle loop reads about 55% busy.)
      const started = Date.now();
      let quiet = 0;
      let lastCpu = process.cpuUsage();
      let lastT = performance.now();
      while (quiet < m.quietMs && Date.now() - started < m.maxMs) {
        await new Promise((r) => setTimeout(r, 50));
        const cpu = process.cpuUsage(lastCpu);
        const t = performance.now();
        quiet = (cpu.user + cpu.system) / 1000 < 0.2 * (t - lastT) ? quiet + (t - lastT) : 0;
        lastCpu = process.cpuUsage();
        lastT = t;
      }
      process.send?.({ ...reading(m.id), waitedMs: Date.now() - started });
    } else if (m.type === 'probe:pause') {
      // The bench itself is about to load the server (reading results): keep it out of the figures.
      histogram.disable();
      step.disable();
      process.send?.(reading(m.id));
    } else if (m.type === 'probe:resume') {
      histogram.enable();
      step.enable();
      process.send?.(reading(m.id));
    } else if (m.type === 'probe:step') {
      process.send?.(reading(m.id, step));
      step.reset();
    } else if (m.type === 'probe:reset') {
      histogram.reset();
      step.reset();
      cpu0 = process.cpuUsage();
      elu0 = performance.eventLoopUtilization();
      process.send?.({ ...reading(m.id), type: 'probe:reading' });
    } else if (m.type === 'probe:read') {
      // --expose-gc is passed by the bench only so memory readings are taken after a full collection.
      // Memory is returned to the OS lazily: collect, let the sweeper finish, collect again.
      if (m.gc && typeof globalThis.gc === 'function') {
        globalThis.gc();
        await settle();
        globalThis.gc();
        await settle();
      }
      process.send?.(reading(m.id));
    }
  });
  // The channel must not keep the server alive on its own.
  process.channel?.unref();
  // The bench went away (crashed or was killed): stop cleanly instead of holding the port and data folder.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
