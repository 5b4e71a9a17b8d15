/**
 * One Go map seen under two static types. helm hands a subchart its section of the parent's
 * values converted to chartutil.Values: the same map (writes through `set` are shared), but
 * `%T` prints `chartutil.Values` in the subchart and `map[string]interface {}` in the parent.
 * Our type tags live on objects, so the subchart gets a Proxy of the map carrying its own tag.
 */
import { type GoMap, type GoType, tagMapType } from '../template/value.js';

/** A view of `map` that behaves as the same Map but has its own Go type tag. */
export function typedMapView(map: GoMap, goType: GoType): GoMap {
  const view = new Proxy(map, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      // Map methods need the real Map as `this`.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return tagMapType(view, goType);
}
