// The benchmark chart with dpf-operator's shape (bench/charts/operator-shaped, 311 templates,
// 6 subcharts, 30 CRD templates) renders exactly what helm v3.17.3 printed for it: the digest and
// size were recorded from real helm by scripts/bench/record-operator-shaped.sh.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { captureIO } from '../../cli/io.js';
import { runTemplate } from '../../cli/template.js';
import { goStringToBytes } from '../../helm/template/gostring.js';

const ROOT = new URL('../../', import.meta.url).pathname;

test('operator-shaped renders byte for byte what helm v3.17.3 printed', async () => {
  const [digest, size] = readFileSync(`${ROOT}bench/charts/operator-shaped.helm-v3.17.3.sha256`, 'utf8').trim().split(' ');
  const io = captureIO();
  const code = await runTemplate(['op', `${ROOT}bench/charts/operator-shaped`, '--namespace', 'dpf-operator-system'], io);
  assert.equal(code, 0, io.err());
  const bytes = goStringToBytes(io.out());
  assert.equal(bytes.length, Number(size));
  assert.equal(createHash('sha256').update(bytes).digest('hex'), digest);
});
