// The CMP request env (argocd-cmp.md §4.2/§4.3) and the parameters (§8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CmpEnvError, parseParameters, readCmpEnv } from '../../plugin/cmp-env.js';
import { announcement, DEFAULT_SETTINGS, dynamicAnnouncement, ParameterError, resolveParameters } from '../../plugin/parameters.js';

test('reads ArgoCD variables; ARGOCD_ENV_ names are taken literally', () => {
  const env = readCmpEnv({
    ARGOCD_APP_NAME: 'ns_app',
    ARGOCD_APP_NAMESPACE: 'dest',
    ARGOCD_APP_SOURCE_PATH: 'services',
    KUBE_VERSION: '1.30.4',
    KUBE_API_VERSIONS: 'apps/v1,apps/v1/DaemonSet,v1',
    'ARGOCD_ENV_helm-args': '--x',
    // As Go marshals it: sorted keys, <>& escaped.
    ARGOCD_APP_PARAMETERS: '[{"map":{"a-b":"\\u003cx\\u0026y\\u003e"},"name":"chart-paths"},{"name":"cluster","string":"c1"}]',
  });
  assert.equal(env.appName, 'ns_app');
  assert.deepEqual(env.apiVersions, ['apps/v1', 'apps/v1/DaemonSet', 'v1']);
  assert.deepEqual(env.pluginEnv, { 'helm-args': '--x' });
  assert.deepEqual(env.parameters, [{ name: 'chart-paths', map: { 'a-b': '<x&y>' } }, { name: 'cluster', string: 'c1' }]);
});

test('ARGOCD_APP_PARAMETERS null/unset means no parameters; malformed is an error', () => {
  assert.deepEqual(parseParameters('null'), []);
  assert.deepEqual(parseParameters(undefined), []);
  assert.throws(() => parseParameters('{"name":"x"}'), CmpEnvError);
  assert.throws(() => parseParameters('[{"string":"x"}]'), /has no name/);
  assert.throws(() => readCmpEnv({ KUBE_VERSION: 'latest' }), /KUBE_VERSION/);
});

test('defaults apply when ArgoCD sends nothing (it never sends announced defaults)', () => {
  assert.deepEqual(resolveParameters([]), { ...DEFAULT_SETTINGS, chartPaths: {} });
  const s = resolveParameters([{ name: 'deploy-in-cluster', string: 'TRUE' }, { name: 'vendor-dir', string: 'v' }]);
  assert.equal(s.deployInCluster, true);
  assert.equal(s.vendorDir, 'v');
  assert.throws(() => resolveParameters([{ name: 'chart-paths', string: 'x' }]), ParameterError);
});

test('announcement defaults match the applied defaults; dynamic part lists chart references', () => {
  const byName = new Map(announcement().map((a) => [a.name, a]));
  assert.equal(byName.get('deploy-in-cluster')!.string, String(DEFAULT_SETTINGS.deployInCluster));
  assert.equal(byName.get('pass-through')!.string, String(DEFAULT_SETTINGS.passThrough));
  assert.equal(byName.get('vendor-dir')!.string, DEFAULT_SETTINGS.vendorDir);
  const dyn = dynamicAnnouncement(['b', 'a', 'b']);
  assert.deepEqual(dyn.find((a) => a.name === 'chart-paths')!.map, { a: '', b: '' });
  assert.equal(dyn.some((a) => a.name === 'cluster'), false);
});
