/**
 * Builds the AdmissionReview response (admission.k8s.io/v1) from an outcome: always the
 * request's uid; `allowed`; on denial `status.code` and a `status.message` listing every
 * violation (rule, object, template or field path, message, fix) from the status-message
 * template; `warnings` with each warning-level finding in at most 120 characters, naming its
 * object when that is not the reviewed one (a DaemonSet the DPUService's chart renders). A dryRun
 * request gets exactly the same answer (the webhook has no side effects).
 */
import type { MessageCatalog } from '../contract/index.js';
import { shortenText } from '../contract/shorten.js';
import { formatObject } from '../contract/types.js';
import { ADMISSION_API_VERSION, type AdmissionRequest } from './admission-review.js';
import type { ReviewOutcome } from './validate.js';

/** HTTP-style codes in status.code: rule violations are invalid input; a missing chart is unavailability. */
export const DENY_CODE_INVALID = 422;
export const DENY_CODE_UNAVAILABLE = 503;

export interface AdmissionResponseBody {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: 'AdmissionReview';
  response: {
    uid: string;
    allowed: boolean;
    status?: { code: number; reason: string; message: string };
    warnings?: string[];
  };
}

export function buildAdmissionResponse(request: AdmissionRequest, outcome: ReviewOutcome, catalog: MessageCatalog): AdmissionResponseBody {
  const response: AdmissionResponseBody['response'] = { uid: request.uid, allowed: outcome.allowed };
  if (!outcome.allowed) {
    const onlyUnavailable = outcome.chartUnavailable && outcome.errors.every((v) => v.rule === 'chart-unavailable');
    response.status = {
      code: onlyUnavailable ? DENY_CODE_UNAVAILABLE : DENY_CODE_INVALID,
      reason: onlyUnavailable ? 'ServiceUnavailable' : 'Invalid',
      message: catalog.statusMessage({ operation: request.operation, object: shortenText(formatObject(outcome.object)), violations: outcome.errors }),
    };
  }
  if (outcome.warnings.length > 0) response.warnings = outcome.warnings.map((w) => catalog.warning(w, outcome.object));
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}
