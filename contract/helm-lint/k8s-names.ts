/**
 * helm lint's metadata.name rule (pkg/lint/rules/template.go validateMetadataName) with the
 * name validators of k8s.io/apimachinery v0.32.2 it calls: which validator a kind gets, and
 * the exact error texts (`metadata.name: Invalid value: "x": ...`, several as `[a, b]`).
 */
import { quote } from '../../helm/template/strconv.js';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL}$`);
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN}$`);
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL}$`);

/** validation.RegexError: the message, examples, and the pattern. */
function regexError(msg: string, pattern: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${pattern}')`;
}

const maxLenError = (n: number): string => `must be no more than ${n} characters`;

/** Go's len(): bytes of the UTF-8 text. */
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

function isDns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(v)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
  }
  return errs;
}

function isDns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > 63) errs.push(maxLenError(63));
  if (!dns1123LabelRe.test(v)) {
    if (dns1123SubdomainRe.test(v)) errs.push('must not contain dots');
    else errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errs;
}

function isDns1035Label(v: string): string[] {
  const errs: string[] = [];
  if (byteLength(v) > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRe.test(v)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
  }
  return errs;
}

/** path.IsValidPathSegmentName (RBAC object names). */
function isValidPathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  return ['/', '%'].filter((c) => v.includes(c)).map((c) => `may not contain '${c}'`);
}

const SUBDOMAIN_KINDS = new Set([
  'pod', 'node', 'secret', 'endpoints', 'resourcequota', 'controllerrevision', 'daemonset', 'deployment', 'replicaset',
  'statefulset', 'autoscaler', 'cronjob', 'job', 'lease', 'endpointslice', 'networkpolicy', 'ingress', 'podsecuritypolicy',
  'priorityclass', 'podpreset', 'storageclass', 'volumeattachment', 'csinode',
]);

/** validateMetadataNameFunc: the validator helm picks for a kind (case-insensitive). */
function validatorFor(kind: string): (name: string) => string[] {
  const k = kind.toLowerCase();
  if (SUBDOMAIN_KINDS.has(k)) return isDns1123Subdomain;
  switch (k) {
    case 'service':
      return isDns1035Label;
    case 'namespace':
      return isDns1123Label;
    case 'serviceaccount':
      return isDns1123Subdomain;
    case 'certificatesigningrequest':
      return () => [];
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return isValidPathSegmentName;
    default:
      return isDns1123Subdomain;
  }
}

/** validateMetadataName: undefined when the name is valid for the kind, else helm's text. */
export function metadataNameError(kind: string, name: string): string | undefined {
  const problems = validatorFor(kind)(name).map((msg) => `metadata.name: Invalid value: ${quote(name)}: ${msg}`);
  if (problems.length === 0) return undefined;
  const unique = [...new Set(problems)];
  const aggregate = problems.length === 1 || unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  return `object name does not conform to Kubernetes naming requirements: ${quote(name)}: ${aggregate}`;
}
