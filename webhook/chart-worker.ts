/**
 * Chart worker entry: builds the chart sources from workerData once, then checks one
 * DPUService's chart per task. Runs in a worker thread with a heap limit; the server terminates
 * it when a review's time is up.
 */
import { workerData } from 'node:worker_threads';
import { renderWithHelm } from '../contract/render-helm.js';
import { serveTasks, sendOutput } from '../isolation/serve.js';
import { lowerThreadPriority } from '../isolation/thread-priority.js';
import { checkDpuServiceChart, type ChartCheckResult } from './chart-check.js';
import { chartResolver } from './chart-sources.js';
import type { ChartTask, ChartWorkerData } from './chart-checker.js';

// Renders yield the CPU to the thread that answers Pod reviews and health checks.
lowerThreadPriority();

const data = workerData as ChartWorkerData;
const resolver = chartResolver(data.sources);

serveTasks(
  (task: ChartTask): Promise<ChartCheckResult> =>
    checkDpuServiceChart(task.object, task.ref, {
      resolver,
      render: renderWithHelm,
      chartTimeoutMs: data.chartTimeoutMs,
      onChartUnavailable: data.onChartUnavailable,
      cluster: data.cluster,
      logDetail: (detail) => sendOutput('log', JSON.stringify({ uid: task.uid, ...detail })),
    }),
);
