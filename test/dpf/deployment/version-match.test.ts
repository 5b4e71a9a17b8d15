/**
 * verifyVersionMatching with DPF's messages (dpudeployment_controller.go) and Masterminds
 * semantics (helm/semver, checked against the semver oracle elsewhere).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBfb, filterVersions, verifyVersionMatching } from '../../../dpf/deployment/index.js';
import { loc } from './fixtures.js';

const tmpl = (template: string, constraint?: string) => ({ template, versions: new Map(constraint === undefined ? [] : [['dpu.nvidia.com/doca-version', constraint]]) });
const doca = (version: string) => ({ version, from: 'BFB ns/bf spec.versions.doca' });

test('verifyVersionMatching: satisfied, unsatisfied, unconstrained', () => {
  assert.deepEqual(verifyVersionMatching(doca('2.9.1'), [tmpl('hbn', '>= 2.9'), tmpl('dts')]), []);
  assert.deepEqual(verifyVersionMatching(doca('2.8.0'), [tmpl('hbn', '>= 2.9')]), [
    { template: 'hbn', message: "version constraint for 'dpu.nvidia.com/doca-version' found in DPUServiceTemplate 'hbn' is not satisfied by the version '2.8.0' found in the given BFB" },
  ]);
  // Masterminds: a prerelease does not satisfy a constraint without one.
  assert.equal(verifyVersionMatching(doca('3.0.0-rc1'), [tmpl('hbn', '>= 2.9')]).length, 1);
  assert.deepEqual(verifyVersionMatching(doca('2.9'), [tmpl('hbn', '~2.9')]), []);
});

test('verifyVersionMatching: unparsable version and constraint, DPF\'s wording', () => {
  assert.deepEqual(verifyVersionMatching(doca('latest'), [tmpl('hbn', '>= 2.9')]), [{ template: 'hbn', message: "version 'latest' found in bfb is not parsable: Invalid Semantic Version" }]);
  assert.deepEqual(verifyVersionMatching(doca('2.9.0'), [tmpl('hbn', 'newest')]), [
    { template: 'hbn', message: "version constraint 'newest' found in DPUServiceTemplate 'hbn' is not parsable: improper constraint: newest" },
  ]);
});

test('filterVersions keeps only dpu.nvidia.com/doca-version', () => {
  assert.deepEqual([...filterVersions(new Map([['dpu.nvidia.com/doca-version', '>= 2.9'], ['dpu.nvidia.com/bfb', 'x'], ['category', 'net']]))], [['dpu.nvidia.com/doca-version', '>= 2.9']]);
});

test('the BFB\'s DOCA version: spec.versions (newest API) first, then status.versions', () => {
  const bfb = (o: object) => decodeBfb({ apiVersion: 'provisioning.dpu.nvidia.com/v1alpha1', kind: 'BFB', metadata: { name: 'b' }, ...o }, loc('b.yaml'), 'ns');
  assert.equal(bfb({ spec: { versions: { doca: '3.1.0' } }, status: { versions: { doca: '2.9.0' } } }).docaVersion, '3.1.0');
  assert.equal(bfb({ spec: { url: 'http://x' }, status: { versions: { doca: '2.9.0' } } }).docaVersionField, 'status.versions.doca');
  assert.equal(bfb({ spec: { url: 'http://x' } }).docaVersion, undefined);
});
