/**
 * extension-service-credentials: registry credentials of an extension service (seed 000,
 * "Registry Credentials"): registryUrl, username and password all present ("All three
 * credential flags ... are required"), each non-empty and at most 255 characters, and
 * registryUrl a prefix without a trailing `/` ("use registryUrl of nvcr.io/nvforge (no
 * trailing /)"). Values are never echoed into messages: they are secrets.
 */
import { FieldReporter, unknownFields } from '../field-check.js';
import { field } from '../json.js';
import type { Finding, ObjectRef, RuleSpec } from '../types.js';

export const extensionServiceCredentialsRule: RuleSpec = {
  id: 'extension-service-credentials',
  severity: 'error',
  summary: 'Extension-service credentials: registryUrl, username, password each non-empty, at most 255 characters; no trailing / on registryUrl.',
  fix: 'set credentials.registryUrl (no trailing /), username and password, each 1-255 characters',
};

export const CREDENTIAL_MAX_LENGTH = 255;
export const CREDENTIAL_FIELDS = ['registryUrl', 'username', 'password'] as const;

export function checkExtensionServiceCredentials(definition: unknown, ref: ObjectRef): Finding[] {
  const r = new FieldReporter('extension-service-credentials', ref);
  const credentials = r.mapping(['credentials'], field(definition, 'credentials'));
  if (!credentials) return r.findings;
  for (const key of CREDENTIAL_FIELDS) {
    const value = credentials[key];
    const path = ['credentials', key];
    if (value === undefined) r.report(path, 'is missing (registryUrl, username and password go together)');
    else if (typeof value !== 'string') r.report(path, 'must be a string');
    else if (value === '') r.report(path, 'must not be empty');
    else if (value.length > CREDENTIAL_MAX_LENGTH) r.reportText(path, `must be at most ${CREDENTIAL_MAX_LENGTH} characters`, `${value.length} characters`);
    else if (key === 'registryUrl' && value.endsWith('/')) r.report(path, 'must not end with / (it is an image prefix)', value);
  }
  return [...r.findings, ...unknownFields(credentials, CREDENTIAL_FIELDS, ['credentials'], ref)];
}
