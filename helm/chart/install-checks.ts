/**
 * The preconditions `helm template` (install in client-only mode) checks on a loaded chart,
 * mirroring helm v3.17.3 cmd/helm/install.go (checkIfInstallable) and pkg/action/action.go
 * (renderResources' kubeVersion check).
 */
import { isCompatibleRange } from './dependencies.js';
import type { Chart } from './types.js';

/** A chart helm refuses to install or render, with helm's message. */
export class InstallCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallCheckError';
  }
}

/** checkIfInstallable: only `application` (or untyped) charts render; `library charts are not installable`. */
export function checkIfInstallable(chart: Chart): InstallCheckError | undefined {
  const type = chart.metadata.type;
  if (type === '' || type === 'application') return undefined;
  return new InstallCheckError(`${type} charts are not installable`);
}

/**
 * The chart's `kubeVersion` constraint against the Kubernetes version in use (`v1.32.0` by
 * default). A constraint that does not parse fails the same way as an unmet one.
 */
export function checkKubeVersion(chart: Chart, kubeVersion: string): InstallCheckError | undefined {
  const constraint = chart.metadata.kubeVersion;
  if (constraint === '' || isCompatibleRange(constraint, kubeVersion)) return undefined;
  return new InstallCheckError(`chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${kubeVersion}`);
}
