/*
 * Preloaded (`node --require bench/gateway/probe.cjs …`) into every gateway the bench starts (the bare proxy,
 * Portkey, Charter), so all three are observed the same way from inside: garbage-collection pauses, event-loop delay,
 * memory and CPU. The bench asks over the IPC channel: {probe: 'reset'} starts a window, {probe: 'stats'} answers
 * with the figures since the last reset. Without an IPC channel it does nothing.
 */
'use strict';
const { PerformanceObserver, monitorEventLoopDelay } = require('node:perf_hooks');

if (typeof process.send === 'function') {
  let gcMs = 0;
  let gcCount = 0;
  let gcMaxMs = 0;
  let cpu = process.cpuUsage();
  let since = performance.now();
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
      if (e.duration > gcMaxMs) gcMaxMs = e.duration;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }, 250);
  sampler.unref();

  process.on('message', (m) => {
    if (!m || typeof m !== 'object' || !('probe' in m)) return;
    if (m.probe === 'reset') {
      gcMs = 0;
      gcCount = 0;
      gcMaxMs = 0;
      loop.reset();
      cpu = process.cpuUsage();
      since = performance.now();
      process.send({ probe: 'reset' });
    } else if (m.probe === 'stats') {
      const mem = process.memoryUsage();
      const wallMs = performance.now() - since;
      const used = process.cpuUsage(cpu);
      if (mem.rss > peakRss) peakRss = mem.rss;
      process.send({
        probe: 'stats',
        wallMs,
        rssMb: mem.rss / 1048576,
        peakRssMb: peakRss / 1048576,
        heapUsedMb: mem.heapUsed / 1048576,
        cpuPct: (100 * (used.user + used.system)) / 1000 / wallMs,
        gcMs,
        gcCount,
        gcMaxMs,
        gcPct: (100 * gcMs) / wallMs,
        loopDelayP50Ms: loop.percentile(50) / 1e6,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
      });
    }
  });
  process.channel?.unref();
}
