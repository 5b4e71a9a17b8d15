/**
 * Real chart servers on 127.0.0.1 for the remote chart-source tests, started by the tests:
 *  - an https Helm repository: charts packaged by real `helm package`, index.yaml written by
 *    real `helm repo index`, served by a static file server with TLS (node:https);
 *  - an OCI registry: Debian's `docker-registry` (CNCF distribution 2.8) with htpasswd basic
 *    auth, charts pushed by real `helm push`. It speaks plain http: helm (oras) always uses
 *    plain http for 127.0.0.1/localhost registries, so a TLS registry there cannot be pushed to.
 * The https repository uses a self-signed certificate (openssl, SAN IP:127.0.0.1).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { join, normalize } from 'node:path';

export const HELM = process.env.HELM_V3 ?? '/tmp/helm-bins/v3/helm';

/** Why the servers cannot start here, or undefined when they can. */
export function missingTools(): string | undefined {
  for (const [bin, hint] of [['docker-registry', 'apt-get install docker-registry'], ['htpasswd', 'apt-get install apache2-utils'], ['openssl', 'apt-get install openssl']] as const) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} is not installed (${hint}; scripts/test-servers/setup.sh)`;
  }
  if (!existsSync(HELM)) return `helm v3 not found at ${HELM} (../shared/tools/get-helm.sh)`;
  return undefined;
}

function must(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface TestServers {
  ca: string;
  caFile: string;
  helmRepoURL: string;
  ociRepoURL: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/** Starts both servers with `chartDirs` packaged at the given versions into `work`. */
export async function startServers(work: string, chartDirs: string[]): Promise<TestServers> {
  mkdirSync(work, { recursive: true });
  const key = join(work, 'tls.key');
  const caFile = join(work, 'tls.crt');
  must('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  const helmEnv = { ...process.env, HELM_CONFIG_HOME: join(work, 'helm/config'), HELM_CACHE_HOME: join(work, 'helm/cache'), HELM_DATA_HOME: join(work, 'helm/data') };
  const repoDir = join(work, 'repo');
  mkdirSync(join(repoDir, 'charts'), { recursive: true });
  for (const dir of chartDirs) must(HELM, ['package', dir, '-d', join(repoDir, 'charts')], helmEnv);

  // https Helm repository: real `helm repo index` with relative chart URLs.
  const httpPort = await freePort();
  const helmRepoURL = `https://127.0.0.1:${httpPort}/dpf`;
  must(HELM, ['repo', 'index', repoDir], helmEnv);
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^\/dpf\/?/, '');
    const file = join(repoDir, path);
    if (!file.startsWith(repoDir) || !existsSync(file) || path === '') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(httpPort, '127.0.0.1', r));

  // OCI registry: distribution 2.8 with TLS and htpasswd.
  const username = 'tester';
  const password = 'p4ss-w0rd';
  must('htpasswd', ['-Bbc', join(work, 'htpasswd'), username, password]);
  const ociPort = await freePort();
  writeFileSync(
    join(work, 'registry.yml'),
    [
      'version: 0.1',
      'log: {level: error}',
      `storage: {filesystem: {rootdirectory: ${join(work, 'registry-data')}}}`,
      `http: {addr: "127.0.0.1:${ociPort}"}`,
      `auth: {htpasswd: {realm: test-registry, path: ${join(work, 'htpasswd')}}}`,
      '',
    ].join('\n'),
  );
  const registry: ChildProcess = spawn('docker-registry', ['serve', join(work, 'registry.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${ociPort}`;
  let loggedIn = false;
  for (let i = 0; i < 50 && !loggedIn; i++) {
    await new Promise((r) => setTimeout(r, 100));
    loggedIn = spawnSync(HELM, ['registry', 'login', host, '-u', username, '-p', password, '--insecure'], { env: helmEnv }).status === 0;
  }
  if (!loggedIn) {
    registry.kill();
    server.close();
    throw new Error('docker-registry did not start');
  }
  const ociRepoURL = `oci://${host}/dpf`;
  for (const tgz of must('sh', ['-c', `ls ${join(repoDir, 'charts')}/*.tgz`]).trim().split('\n')) must(HELM, ['push', tgz, ociRepoURL, '--plain-http'], helmEnv);
  return {
    ca: readFileSync(caFile, 'utf8'),
    caFile,
    helmRepoURL,
    ociRepoURL,
    username,
    password,
    async stop() {
      registry.kill();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
