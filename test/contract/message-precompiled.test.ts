// The built-in message templates run precompiled (scripts/precompile-messages.mjs ->
// templates/precompiled.cjs, contract/message-compile.ts): the words must be exactly what the
// handlebars compiler makes of the same files, an edited built-in must show its new words, and a
// catalog that finds its templates precompiled must not load the compiler at all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MessageCatalog, RULE_IDS } from '../../contract/index.js';
import { SAMPLE_FINDINGS } from './sample-findings.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A copy of templates/, precompiled or not. */
function templatesCopy(precompiled: boolean): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'msg-precompiled-')), 'templates');
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  rmSync(join(dir, 'precompiled.cjs'), { force: true });
  if (precompiled) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/precompile-messages.mjs'), '--from-source', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  return dir;
}

const compiledDir = templatesCopy(false);
const precompiledDir = templatesCopy(true);

function wording(catalog: MessageCatalog): string[] {
  const violations = RULE_IDS.map((id) => catalog.render(SAMPLE_FINDINGS[id]));
  return [
    ...violations.flatMap((v) => [v.message, v.fix, catalog.warning(v)]),
    catalog.statusMessage({ operation: 'CREATE', object: 'DPUService ns/x', violations }),
  ];
}

test('precompiled built-ins say exactly what the compiled templates say, for every rule', () => {
  assert.deepEqual(wording(MessageCatalog.load({ builtinDir: precompiledDir })), wording(MessageCatalog.load({ builtinDir: compiledDir })));
});

test('an edited built-in template shows its new words although a precompiled entry exists', () => {
  const dir = templatesCopy(true);
  writeFileSync(join(dir, 'messages/pod-size.hbs'), 'EDITED {{measured}} > {{limit}}');
  const v = MessageCatalog.load({ builtinDir: dir }).render(SAMPLE_FINDINGS['pod-size']);
  assert.equal(v.message, 'EDITED 70000 > 65536');
});

/** Whether rendering every sample finding from `dir` loaded handlebars' compiler (a fresh process). */
function loadsCompiler(dir: string): boolean {
  const script = `
    const { MessageCatalog, RULE_IDS } = await import(${JSON.stringify(join(ROOT, 'contract/index.ts'))});
    const { SAMPLE_FINDINGS } = await import(${JSON.stringify(join(ROOT, 'test/contract/sample-findings.ts'))});
    const catalog = MessageCatalog.load({ builtinDir: ${JSON.stringify(dir)} });
    for (const id of RULE_IDS) catalog.warning(catalog.render(SAMPLE_FINDINGS[id]));
    const { createRequire } = await import('node:module');
    const cache = createRequire(import.meta.url).cache;
    console.log(Object.keys(cache).some((k) => k.includes('/handlebars/dist/cjs/handlebars/compiler/')));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() === 'true';
}

test('with the precompiled file, rendering every rule never loads the handlebars compiler; without it, it does', () => {
  assert.equal(loadsCompiler(precompiledDir), false);
  assert.equal(loadsCompiler(compiledDir), true);
});
