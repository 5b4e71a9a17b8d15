/**
 * Secret data masked the way ArgoCD's diff masks it (gitops-engine pkg/diff HideSecretData, read
 * and re-stated): only core-group `Secret`s; `stringData` is first folded into `data` (strings
 * base64-encoded), then every data value becomes a run of `+`: the first distinct value of a key
 * `++++++++` (8), the next distinct one 4 more, and so on, head (ArgoCD's target) counted before
 * base (its live side). Equal values keep equal masks, so a change of a value still shows.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const FIRST_MASK = '++++++++';

function isCoreSecret(o: Obj | undefined): o is Obj {
  return o !== undefined && o.kind === 'Secret' && typeof o.apiVersion === 'string' && !o.apiVersion.includes('/');
}

/** stringData folded into data, as NormalizeSecret does (a copy). */
function normalized(o: Obj): Obj {
  const copy: Obj = { ...o };
  if (isObj(o.stringData)) {
    const data: Obj = isObj(o.data) ? { ...o.data } : {};
    for (const [k, v] of Object.entries(o.stringData)) data[k] = typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : v;
    copy.data = data;
    delete copy.stringData;
  } else if (isObj(o.data)) copy.data = { ...o.data };
  return copy;
}

/** The pair with Secret data masked; other objects come back as they are. */
export function maskSecretPair(base: Obj | undefined, head: Obj | undefined): { base: Obj | undefined; head: Obj | undefined } {
  if (!isCoreSecret(base) && !isCoreSecret(head)) return { base, head };
  const sides = [head && isCoreSecret(head) ? normalized(head) : head, base && isCoreSecret(base) ? normalized(base) : base];
  const keys = new Set<string>();
  for (const s of sides) if (s && isObj(s.data)) for (const k of Object.keys(s.data)) keys.add(k);
  for (const k of keys) {
    const masks = new Map<string, string>();
    let next = FIRST_MASK;
    for (const s of sides) {
      if (!s || !isObj(s.data) || !(k in s.data) || s.data[k] === null) continue;
      const text = String(s.data[k]);
      let mask = masks.get(text);
      if (mask === undefined) {
        mask = next;
        next += '++++';
        masks.set(text, mask);
      }
      s.data[k] = mask;
    }
  }
  return { head: sides[0], base: sides[1] };
}
