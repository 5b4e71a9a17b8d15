/**
 * Kinds that are cluster-scoped in Kubernetes and common operators. ArgoCD's controller sets the
 * destination namespace on namespaced objects without one (NormalizeTargetObjects); the plugin
 * does the same with the DPUService's namespace first, because one Application may carry
 * services of several namespaces (DPF gives each its own destination namespace).
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SecurityContextConstraints',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
  'IPAddress',
  'ServiceCIDR',
  'DeviceClass',
  'ResourceSlice',
  'NodeFeatureRule',
  'ClusterPolicy',
]);

/** A copy of `obj` with metadata.namespace set when it is namespaced and has none. */
export function withDefaultNamespace(obj: unknown, namespace: string): unknown {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return obj;
  const o = obj as Record<string, unknown>;
  if (typeof o.kind === 'string' && CLUSTER_SCOPED_KINDS.has(o.kind)) return obj;
  const meta = typeof o.metadata === 'object' && o.metadata !== null && !Array.isArray(o.metadata) ? (o.metadata as Record<string, unknown>) : {};
  if (typeof meta.namespace === 'string' && meta.namespace !== '') return obj;
  return { ...o, metadata: { ...meta, namespace } };
}
