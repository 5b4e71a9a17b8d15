/**
 * DPF's domain model, shared by the CMP (plugin/), the contract rules (contract/), the webhook
 * and lint: the typed DPUService, the values DPF's controller composes for its chart, DPF's
 * names (release/Application names, serviceIDs), the multus network annotation of its
 * interfaces and Kubernetes quantities as DPF marshals them. Depends on helm/ only.
 */
export * from './dpuservice.js';
export * from './values.js';
export * from './release-name.js';
export * from './network-annotation.js';
export * from './quantity.js';
export * from './go-json.js';
export * from './release.js';
