// Preloaded with `node --import` when GNU time is missing: writes this process's peak RSS
// and CPU time where the bench asked, as the process exits.
import { writeFileSync } from 'node:fs';

const target = process.env.KG_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ maxRssKb: usage.maxRSS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }),
    );
  });
}
