/**
 * dario.cat/mergo v1.0.1's Merge and MergeWithOverwrite for map[string]interface{} values, as
 * sprig's `merge`/`mergeOverwrite` call them (dict.go). The rules, per key of the source map:
 *
 * - a nil source value is copied only when overwriting;
 * - a map merges recursively into a map already in the destination (in place);
 * - anything else (a scalar, a list, a map over a non-map) is set when overwriting, or when the
 *   destination lacks the key or holds an empty value ("", 0, false, nil, empty map or list);
 *   note that with overwrite an empty source value does replace a set one.
 *
 * Values are shared, not copied, as in Go: the result may alias the source's nested maps.
 */
import { pollWork } from '../template/budget.js';
import { elemType, type GoMap, GoError, type GoType, type GoValue, isEmptyValue, mapType, T_INTERFACE, tagSliceType, typeOf } from '../template/value.js';

const isMap = (v: GoValue): v is GoMap => v instanceof Map;
const isList = (v: GoValue): v is GoValue[] | Uint8Array => Array.isArray(v) || v instanceof Uint8Array;

/**
 * reflect's SetMapIndex: the value's static type must be assignable to the map's element type,
 * which fails e.g. for an interface{} value going into a map[string]string.
 */
function setIndex(dst: GoMap, key: string, value: GoValue, staticType: GoType): void {
  const want = elemType(mapType(dst));
  if (want !== T_INTERFACE && staticType !== want) {
    throw new GoError(`reflect.Value.SetMapIndex: value of type ${staticType} is not assignable to type ${want}`);
  }
  dst.set(key, value);
}

/** An empty slice of the same Go type as `list` (reflect.MakeSlice). */
function emptyLike(list: GoValue[] | Uint8Array): GoValue {
  return list instanceof Uint8Array ? new Uint8Array(0) : tagSliceType([], typeOf(list));
}

/** Merges src into dst (mutating dst) with mergo's deepMerge rules for maps. */
export function mergeMaps(dst: GoMap, src: GoMap | null | undefined, overwrite: boolean): void {
  if (!src) return;
  // Merging a map that shares sub-maps (or into itself) recurses once per path: poll the deadline.
  pollWork(src.size);
  // Elements read out of the source map have its element type (interface {} for values maps).
  const srcElemType = elemType(mapType(src));
  for (const [key, srcValue] of src) {
    const present = dst.has(key);
    const dstValue = dst.get(key);
    if (srcValue === null || srcValue === undefined) {
      if (overwrite) setIndex(dst, key, null, srcElemType);
      continue;
    }
    if (isMap(srcValue) && isMap(dstValue)) mergeMaps(dstValue, srcValue, overwrite);
    if (isList(srcValue)) {
      // mergo always stores a slice first: the source's when overwriting (or into an empty map),
      // else the destination's value, or an empty slice of the source's type.
      const stored =
        overwrite || dst.size === 0 ? srcValue : present && dstValue !== null && dstValue !== undefined ? dstValue : emptyLike(srcValue);
      setIndex(dst, key, stored, typeOf(stored));
    }
    // Checked after the recursion, as mergo does: a merged-into map is no longer empty.
    if (present && !isEmptyValue(dstValue)) {
      if (isList(srcValue)) continue;
      if (isMap(srcValue) && isMap(dstValue)) continue;
    }
    if (overwrite || !present || isEmptyValue(dstValue)) setIndex(dst, key, srcValue, srcElemType);
  }
}
