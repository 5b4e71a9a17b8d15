/** The example chart and a DPUService naming it, shared by the generate, confinement and never-loses tests. */
export const EXAMPLE_CHART = new URL('../../../examples/charts/dummydpuservice', import.meta.url).pathname;
/** The chart-paths key of the example chart. */
export const CHART_REF = 'https://helm.example.com/dpf/dummydpuservice-chart';

/** A DPUService `name` in namespace dpf whose chart is the example chart. */
export const dummyDpuService = (name: string): string => `apiVersion: svc.dpu.nvidia.com/v1alpha1
kind: DPUService
metadata:
  name: ${name}
  namespace: dpf
spec:
  helmChart:
    source: {repoURL: https://helm.example.com/dpf, chart: dummydpuservice-chart, version: 0.1.0}
    values: {image: {repository: example.com/dummy, tag: v1}}
  serviceID: ${name}
`;

export const DPUSERVICE = dummyDpuService('dummy');
