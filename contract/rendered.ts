/**
 * The shape of a rendered chart manifest the contract rules read. It is the subset of the
 * renderer's manifest (`renderChart(...).manifests[i]`) they need, so rules can be tested with
 * hand-made objects and do not depend on the renderer.
 */

/** One object a chart rendered. */
export interface RenderedObject {
  /** The template path, as helm prints it after `# Source: ` (e.g. `mychart/templates/ds.yaml`). */
  path: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The decoded object. */
  object: unknown;
  /** The YAML document text as rendered, when known. */
  doc?: string;
  /** Set when the object is a helm hook. */
  hook?: unknown;
}
