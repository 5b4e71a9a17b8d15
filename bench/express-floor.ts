/**
 * The floor of the webhook benchmark: the most trivial admission handler express can serve
 * over HTTPS (parse the JSON body, answer allowed with the same uid). Run as a child process by
 * bench/webhook.ts: `node dist/bench/express-floor.js CERT KEY`; prints {"port":N} when ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';

const [certFile, keyFile] = process.argv.slice(2);
if (!certFile || !keyFile) {
  process.stderr.write('usage: express-floor CERT KEY\n');
  process.exit(2);
}
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/validate', express.json({ limit: '3mb' }), (req, res) => {
  const uid = (req.body as { request?: { uid?: string } } | undefined)?.request?.uid ?? '';
  res.json({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } });
});
const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, app);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
