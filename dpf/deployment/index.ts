/**
 * DPF's DPUDeployment: decode of DPUServiceTemplate, DPUServiceConfiguration, DPUDeployment, BFB
 * and DPUFlavor; composition into the DPUServices, DPUServiceInterfaces and DPUServiceChain DPF's
 * controller creates; version matching; the DPU node labels its DPUSets set. See
 * docs/dpudeployment.md.
 */
export * from './types.js';
export * from './decode.js';
export * from './digest.js';
export * from './suffix.js';
export * from './selectors.js';
export * from './spec-json.js';
export * from './service.js';
export * from './interfaces.js';
export * from './chain.js';
export * from './depends-on.js';
export * from './dependencies.js';
export * from './compose.js';
export * from './version-match.js';
export * from './node-labels.js';
