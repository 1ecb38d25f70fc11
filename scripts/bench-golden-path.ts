/*
 * `yarn bench:golden-path`: runs "New project" 10 times against the sandbox
 * through the real backend (SQLite), each with its own name and two
 * environments, and prints the median and p95 of the task duration (from
 * the POST that starts it to the end it reports) and each step's share of
 * the time. Target: median under 5 s on a 2-core machine.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench-golden-path.ts [--runs 10]
 */
import { parseArgs } from 'node:util';
import { startGoldenPathRig, stepDurations } from './lib/goldenPathRig';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    port: { type: 'string', default: '7023' },
  },
});

const TARGET_MEDIAN_MS = 5000;

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function main() {
  const runs = Number(args.runs);
  const rig = await startGoldenPathRig({
    port: Number(args.port),
    log: line => console.log(`[bench] ${line}`),
  });
  try {
    await rig.waitForEntity('template:default/new-project');
    await rig.waitForEntity('cluster:default/dev-eu');
    const durations: number[] = [];
    const stepTotals = new Map<string, number>();
    for (let run = 1; run <= runs; run++) {
      const name = `bench-${run}`;
      const task = await rig.runTemplate('new-project', {
        name,
        title: `Bench ${run}`,
        owner: 'group:default/team-payments',
        lifecycle: 'experimental',
        visibility: 'internal',
        members: [
          { member: 'user:default/maria', role: 'manager' },
          { member: 'user:default/jdoe', role: 'developer' },
        ],
        environments: [
          {
            name: 'dev',
            cluster: 'cluster:default/dev-eu',
            namespace: `${name}-dev`,
          },
          {
            name: 'test',
            cluster: 'cluster:default/dev-eu',
            namespace: `${name}-test`,
          },
        ],
        registryQuota: '10Gi',
      });
      if (task.status !== 'completed') {
        throw new Error(`Run ${run} ended ${task.status}: ${task.error}`);
      }
      durations.push(task.durationMs);
      for (const [step, ms] of stepDurations(task.events)) {
        stepTotals.set(step, (stepTotals.get(step) ?? 0) + ms);
      }
      console.log(
        `[bench] run ${run}: ${(task.durationMs / 1000).toFixed(2)} s`,
      );
    }
    const sorted = [...durations].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    const total = durations.reduce((sum, ms) => sum + ms, 0);
    console.log(`\n"New project", ${runs} runs`);
    console.log(
      `  median ${(median / 1000).toFixed(2)} s   p95 ${(p95 / 1000).toFixed(
        2,
      )} s   (target: median under ${TARGET_MEDIAN_MS / 1000} s)`,
    );
    console.log('  share of the task time by step:');
    for (const [step, ms] of stepTotals) {
      console.log(
        `    ${step.padEnd(12)} ${((100 * ms) / total)
          .toFixed(1)
          .padStart(5)} %   ${(ms / runs / 1000).toFixed(2)} s per run`,
      );
    }
    const inSteps = [...stepTotals.values()].reduce((sum, ms) => sum + ms, 0);
    console.log(
      `    ${'(between)'.padEnd(12)} ${((100 * (total - inSteps)) / total)
        .toFixed(1)
        .padStart(5)} %   queueing and the gaps between steps`,
    );
    if (median >= TARGET_MEDIAN_MS) {
      process.exitCode = 1;
      console.log('  the median misses the target');
    }
  } finally {
    await rig.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
