/** The committed standalone validator is what ajv generates from the schema today (not stale). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemaPath } from '../../config/schema.js';

test('config/schema-validator.generated.ts matches config/dpu-gitops.schema.json (else: node scripts/config-validator.mjs)', async () => {
  const { validatorSource } = (await import(new URL('../../scripts/config-validator.mjs', import.meta.url).href)) as { validatorSource: (schema: string) => string };
  const committed = readFileSync(new URL('../../config/schema-validator.generated.ts', import.meta.url), 'utf8');
  assert.ok(committed === validatorSource(readFileSync(schemaPath(), 'utf8')), 'stale: run node scripts/config-validator.mjs');
});
