// Samples this process's resident set size while some work runs, so a
// benchmark can report the peak (process.resourceUsage().maxRSS only ever
// grows over the process lifetime, so it cannot isolate one phase).

export interface RssSampler {
  /** Peak RSS in MiB seen since start(). */
  stop(): number;
}

export function sampleRss(intervalMs = 25): RssSampler {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
      return Math.round((peak / 2 ** 20) * 10) / 10;
    },
  };
}
