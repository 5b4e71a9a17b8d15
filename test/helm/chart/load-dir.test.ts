// Directory loading details recorded by hand from real helm v3.17.3 (`helm template` on a chart
// holding a symlinked directory, then a dangling symlink):
//   walk.go:75: found symbolic link in path: /tmp/symchart/linked resolves to /tmp/symtarget. Contents of linked file included and used
//   # linked/sub/f.txt,
//   Error: error evaluating symlink /tmp/symchart/broken: lstat /tmp/nowhere: no such file or directory
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChartSync } from '../../../helm/chart/load.js';
import { loadDirFiles } from '../../../helm/chart/load-dir.js';

function scratch(): { chart: string; target: string; cleanup: () => void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'chart-sym-')));
  const chart = join(root, 'symchart');
  const target = join(root, 'symtarget');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  mkdirSync(join(target, 'sub'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'templates', 't.yaml'), '# x\n');
  writeFileSync(join(target, 'sub', 'f.txt'), 'x');
  symlinkSync(target, join(chart, 'linked'));
  return { chart, target, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test('symlinked directories are followed, with helm log line', () => {
  const s = scratch();
  try {
    const log: string[] = [];
    const chart = loadChartSync(s.chart, (m) => log.push(m));
    assert.deepEqual(chart.files.map((f) => f.name), ['linked/sub/f.txt']);
    assert.deepEqual(log, [`found symbolic link in path: ${join(s.chart, 'linked')} resolves to ${s.target}. Contents of linked file included and used`]);
  } finally {
    s.cleanup();
  }
});

test('a dangling symlink fails like filepath.EvalSymlinks', () => {
  const s = scratch();
  try {
    const nowhere = join(s.target, '..', 'nowhere');
    symlinkSync(nowhere, join(s.chart, 'broken'));
    assert.throws(() => loadDirFiles(s.chart), {
      message: `error evaluating symlink ${join(s.chart, 'broken')}: lstat ${nowhere}: no such file or directory`,
    });
  } finally {
    s.cleanup();
  }
});

test('a missing chart path is a stat error', () => {
  assert.throws(() => loadChartSync('/nonexistent/chart'), { message: 'stat /nonexistent/chart: no such file or directory' });
});

test('files come out in byte order, a BOM stripped', () => {
  const root = mkdtempSync(join(tmpdir(), 'chart-order-'));
  try {
    writeFileSync(join(root, 'Chart.yaml'), '\ufeffapiVersion: v2\nname: demo\nversion: 0.1.0\n');
    for (const n of ['b', 'B', 'a', '_x', 'Z']) writeFileSync(join(root, n), n);
    const files = loadDirFiles(root);
    assert.deepEqual(files.map((f) => f.name), ['B', 'Chart.yaml', 'Z', '_x', 'a', 'b']);
    assert.equal(new TextDecoder().decode(files[1]?.data).startsWith('apiVersion'), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
