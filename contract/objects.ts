/**
 * Rules for one Kubernetes object, whatever its kind: the pod rules for Pods and workloads
 * (the pod template counts as the Pod it creates), the DPUService spec rules for
 * DPUServices and the deployment-* object rules for DPUServiceTemplates,
 * DPUServiceConfigurations and DPUDeployments. Used by the webhook (Pods, DaemonSets, Deployments, DPUServices), by lint for
 * every object in a file, and for every object a chart renders.
 */
import { objectRefOf } from './json.js';
import { checkDpuService } from './dpuservice.js';
import { checkDeploymentObject, DEPLOYMENT_OBJECT_KINDS } from './deployment.js';
import { checkPodFields } from './rules/pod-fields.js';
import { checkPodSize } from './rules/pod-size.js';
import type { Finding } from './types.js';
import { podManifestOf } from './workloads.js';

export interface ObjectCheckOptions {
  /** The object's text as the user wrote it (a YAML document); measured by pod-size for Pods. */
  text?: string;
  /** The chart template that rendered the object. */
  template?: string;
  /** The object comes from an admission request: generateName stands for metadata.name. */
  admission?: boolean;
}

/** pod-size and pod-fields for a Pod or a workload's pod template; [] for other kinds. */
export function checkPodRules(object: unknown, opts: ObjectCheckOptions = {}): Finding[] {
  const ref = objectRefOf(object);
  const manifest = podManifestOf(object, ref);
  if (!manifest) return [];
  const sizeInput: Parameters<typeof checkPodSize>[0] = { object: ref, path: manifest.path };
  // Only a Pod's own text is "the text the user wrote" for the pod; a template is measured as
  // the Pod it creates.
  if (!manifest.isTemplate && opts.text !== undefined) sizeInput.text = opts.text;
  else sizeInput.pod = manifest.asPod;
  if (opts.template) sizeInput.template = opts.template;
  const fieldsInput: Parameters<typeof checkPodFields>[0] = { object: ref, pod: manifest.pod, path: manifest.path, isTemplate: manifest.isTemplate };
  if (opts.template) fieldsInput.template = opts.template;
  if (opts.admission) fieldsInput.allowGenerateName = true;
  return [...checkPodSize(sizeInput), ...checkPodFields(fieldsInput)];
}

/** Every object-level rule that applies to the object's kind. */
export function checkObject(object: unknown, opts: ObjectCheckOptions = {}): Finding[] {
  const ref = objectRefOf(object);
  if (ref.kind === 'DPUService') return checkDpuService(object);
  if (DEPLOYMENT_OBJECT_KINDS.has(ref.kind) && ref.apiVersion?.split('/')[0] === 'svc.dpu.nvidia.com') return checkDeploymentObject(ref.kind, object);
  return checkPodRules(object, opts);
}
