/** Loads AdmissionReview fixtures from test/fixtures/admission (a fresh copy per call). */
import { readFileSync } from 'node:fs';

export function loadReview(name: string): any {
  return JSON.parse(readFileSync(new URL(`../fixtures/admission/${name}.json`, import.meta.url), 'utf8'));
}
