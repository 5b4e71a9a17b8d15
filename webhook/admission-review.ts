/**
 * AdmissionReview admission.k8s.io/v1 as the API server sends it, and `decodeAdmissionReview`,
 * which turns an untrusted request body into a typed review or a DecodeError — never a cast
 * (ARCHITECTURE §6; pepr's controller casts `req.body.request` unchecked, which we avoid).
 * Field names follow k8s.io/api/admission/v1 types.go.
 */
import { isObject } from '../contract/json.js';
import { shortenText } from '../contract/shorten.js';

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

/** metav1.GroupVersionKind / GroupVersionResource as they appear in a request. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
const OPERATIONS: readonly string[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/** AdmissionRequest: the parts the webhook reads, the rest kept as unknown. */
export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: Operation;
  userInfo?: unknown;
  /** The object as it will be stored (null on DELETE). */
  object: unknown;
  oldObject: unknown;
  dryRun: boolean;
  options?: unknown;
}

export interface AdmissionReview {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: 'AdmissionReview';
  request: AdmissionRequest;
}

/** Why a body is not an AdmissionReview we can answer; the server sends HTTP 400 with `message`. */
export class DecodeError extends Error {
  constructor(
    /** The field at fault (`request.uid`), or `body`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(shortenText(`invalid AdmissionReview: ${field} ${problem}`));
    this.name = 'DecodeError';
  }
}

function str(v: unknown): v is string {
  return typeof v === 'string';
}

function decodeGvk(v: unknown, field: string): GroupVersionKind | DecodeError {
  if (!isObject(v) || !str(v.version) || !str(v.kind) || (v.group !== undefined && !str(v.group))) {
    return new DecodeError(field, 'must be {group, version, kind}');
  }
  return { group: (v.group as string | undefined) ?? '', version: v.version, kind: v.kind };
}

function decodeGvr(v: unknown, field: string): GroupVersionResource | DecodeError {
  if (!isObject(v) || !str(v.version) || !str(v.resource) || (v.group !== undefined && !str(v.group))) {
    return new DecodeError(field, 'must be {group, version, resource}');
  }
  return { group: (v.group as string | undefined) ?? '', version: v.version, resource: v.resource };
}

/** Checks and types an untrusted body. */
export function decodeAdmissionReview(body: unknown): AdmissionReview | DecodeError {
  if (!isObject(body)) return new DecodeError('body', 'must be a JSON object');
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    return new DecodeError('apiVersion', `must be ${ADMISSION_API_VERSION} (got ${JSON.stringify(body.apiVersion ?? null)})`);
  }
  if (body.kind !== 'AdmissionReview') return new DecodeError('kind', `must be AdmissionReview (got ${JSON.stringify(body.kind ?? null)})`);
  const r = body.request;
  if (!isObject(r)) return new DecodeError('request', 'is missing');
  if (!str(r.uid) || r.uid === '') return new DecodeError('request.uid', 'is missing');
  const kind = decodeGvk(r.kind, 'request.kind');
  if (kind instanceof DecodeError) return kind;
  const resource = decodeGvr(r.resource, 'request.resource');
  if (resource instanceof DecodeError) return resource;
  if (!str(r.operation) || !OPERATIONS.includes(r.operation)) {
    return new DecodeError('request.operation', `must be one of ${OPERATIONS.join(', ')}`);
  }
  for (const f of ['name', 'namespace', 'subResource'] as const) {
    if (r[f] !== undefined && !str(r[f])) return new DecodeError(`request.${f}`, 'must be a string');
  }
  if (r.dryRun !== undefined && typeof r.dryRun !== 'boolean') return new DecodeError('request.dryRun', 'must be a boolean');
  const operation = r.operation as Operation;
  if ((operation === 'CREATE' || operation === 'UPDATE') && !isObject(r.object)) {
    return new DecodeError('request.object', `must be an object for ${operation}`);
  }
  const request: AdmissionRequest = {
    uid: r.uid,
    kind,
    resource,
    operation,
    object: r.object ?? null,
    oldObject: r.oldObject ?? null,
    dryRun: r.dryRun === true,
  };
  if (str(r.subResource)) request.subResource = r.subResource;
  if (str(r.name)) request.name = r.name;
  if (str(r.namespace)) request.namespace = r.namespace;
  if (r.userInfo !== undefined) request.userInfo = r.userInfo;
  if (r.options !== undefined) request.options = r.options;
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', request };
}
