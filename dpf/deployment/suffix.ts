/**
 * The 5-character name suffix. DPF draws it at random (`utilrand.String(5)`, k8s.io/apimachinery
 * util/rand: characters from "bcdfghjklmnpqrstvwxz2456789", no vowels, no 0/1/3) when it creates
 * a DPUService, DPUServiceInterface or DPUServiceChain revision. A GitOps stream must be
 * byte-stable across runs and machines, so here it is derived: the first 5 bytes of
 * sha256(json.Encoder output of the parts) each pick `alphabet[byte % 27]`. The parts name the
 * object (DPUDeployment namespace and name, the kind of child, the service key / interface name)
 * and the revision (DPF's version digest), so a change DPF would roll out as a new revision gets
 * a new name, and an unchanged input keeps its name. docs/dpudeployment.md documents this.
 */
import { nodeCrypto } from '../../helm/on-demand.js';
import { encoderOutput } from './digest.js';

/** k8s.io/apimachinery/pkg/util/rand's alphabet. */
export const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** resourceNameGeneratedSuffixLength. */
export const SUFFIX_LENGTH = 5;

/** The deterministic stand-in for utilrand.String(5). */
export function deterministicSuffix(...parts: string[]): string {
  const hash = nodeCrypto().createHash('sha256').update(encoderOutput(parts), 'utf8').digest();
  let out = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) out += RAND_ALPHABET[hash[i]! % RAND_ALPHABET.length];
  return out;
}
