/**
 * Chart loading errors. Messages are helm v3.17.3's own (`Chart.yaml file is missing`,
 * `error unpacking subchart sub in demo: ...`); `path` says which chart path or file failed.
 */

/** A chart that could not be loaded; `cause` holds the underlying error when there is one. */
export class ChartLoadError extends Error {
  constructor(
    message: string,
    readonly path: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ChartLoadError';
  }
}
