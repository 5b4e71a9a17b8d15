/**
 * Finds the pod manifests inside Kubernetes objects: a Pod itself, or the pod template of a
 * workload (DaemonSet, Deployment, ReplicaSet, StatefulSet, Job, ReplicationController, CronJob).
 * A template counts as the Pod it would create (issue 8): apiVersion v1, kind Pod, the
 * template's metadata plus the generated name `<owner>-xxxxx` and the owner's namespace.
 */
import { field, isObject, nonEmptyString, type JsonObject } from './json.js';
import type { FieldPath, ObjectRef } from './types.js';

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  DaemonSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds whose objects carry a pod manifest. */
export const POD_BEARING_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

/** A pod manifest found in an object. */
export interface PodManifest {
  /** The pod as written (the object itself for a Pod, the template for a workload). */
  pod: unknown;
  /** The Pod a template would create, for measuring its size; the object itself for a Pod. */
  asPod: unknown;
  /** Path of the template inside the object; empty for a Pod. */
  path: FieldPath;
  isTemplate: boolean;
}

/** The pod manifest inside an object, or undefined when its kind carries none. */
export function podManifestOf(object: unknown, ref: ObjectRef): PodManifest | undefined {
  if (ref.kind === 'Pod') return { pod: object, asPod: object, path: [], isTemplate: false };
  const path = TEMPLATE_PATHS[ref.kind];
  if (!path) return undefined;
  let template: unknown = object;
  for (const key of path) template = field(template, key as string);
  return { pod: template, asPod: podFromTemplate(template, ref), path, isTemplate: true };
}

/** The Pod a controller creates from a template (what the API server would store). */
function podFromTemplate(template: unknown, owner: ObjectRef): JsonObject {
  const metadata: JsonObject = isObject(field(template, 'metadata')) ? { ...(field(template, 'metadata') as JsonObject) } : {};
  // Controllers use generateName `<owner>-`; the API server appends 5 random characters.
  metadata.name = `${nonEmptyString(owner.name) ?? 'pod'}-xxxxx`;
  if (owner.namespace) metadata.namespace = owner.namespace;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: field(template, 'spec') ?? {} };
}
