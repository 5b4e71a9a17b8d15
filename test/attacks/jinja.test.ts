// Attack suite: hostile startupYAMLJ2 templates through `dpu-gitops render-startup` as a process
// whose heap is capped at 256 MB: a filter that allocated before checking (indent(1340) on a
// 0.8 MB string peaked at 652 MB) would crash it; a bounded engine refuses with the limit named.
// `int` of a 100,000-digit string behaves as Jinja2 3.1 on Python 3.11 (the digit limit, then
// int(float(...)) overflowing: OverflowError), recorded from the reference in
// test/plugin/per-dpu/jinja-limits fixtures and asserted here end to end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './harness.js';

const CONTEXT = join(ROOT, 'examples/startup-context.yaml');

function renderStartup(template: string): { code: number | null; out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'attack-jinja-'));
  const file = join(dir, 'startup.j2');
  writeFileSync(file, template);
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', import.meta.resolve('tsx'), join(ROOT, 'cli', 'main.ts'), 'render-startup', file, '-c', CONTEXT, '--no-yaml-check'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('attack: hostile Jinja2 startup templates', { concurrency: 2 }, () => {
  const bombs: Record<string, string> = {
    'indent(1340) on a 0.8 MB string': "{% set s = 'ab\\n' * 270000 %}{{ s | indent(1340) }}",
    'center of a huge width': "{{ 'x' | center(500000000) }}",
    'string repetition': "{{ 'abc' * 300000000 }}",
    'list repetition': '{{ ([1] * 300000000) | length }}',
    'format with a huge width': "{{ '%500000000s' | format('x') }}",
  };
  for (const [name, template] of Object.entries(bombs)) {
    it(`${name}: refused with a limit named, in a 256 MB heap`, () => {
      const r = renderStartup(template);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, /template-limit: LimitExceeded/);
    });
  }

  it("('9'*100000)|int fails as Python 3.11's Jinja2 does (OverflowError), not printing the digits", () => {
    const r = renderStartup("{{ ('9' * 100000) | int }}");
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /OverflowError: cannot convert float infinity to integer/);
  });
});
