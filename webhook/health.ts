/**
 * Liveness and readiness. /healthz answers 200 while the process serves HTTP at all; /readyz
 * answers 200 only when the certificate is loaded and the server is not shutting down, so the
 * Service stops routing reviews to a pod that received SIGTERM.
 */
export class HealthState {
  private shuttingDown = false;
  private certLoaded = false;

  markCertLoaded(): void {
    this.certLoaded = true;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Why the server is not ready, or undefined when it is. */
  notReadyReason(): string | undefined {
    if (this.shuttingDown) return 'shutting down';
    if (!this.certLoaded) return 'certificate not loaded';
    return undefined;
  }
}
