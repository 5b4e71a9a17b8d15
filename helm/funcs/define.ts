/**
 * A small builder for template functions with Go signatures. Every sprig/helm function is a
 * GoFunc whose signature tells the executor how to check and convert arguments exactly as
 * text/template does through reflection (e.g. `upper` takes a `string`, so `upper 3` fails
 * with "wrong type for value; expected string; got int").
 */
import { GoFunc, type GoType, type GoValue, T_INTERFACE } from '../template/value.js';

export interface DefineOptions {
  /** Element type of a final `...T` parameter. */
  variadic?: GoType;
  /** The function returns (T, error): implementations throw GoError for the error case. */
  returnsError?: boolean;
}

/**
 * Declares a function: `define('upper', ['string'], 'string', (s) => ...)`.
 * Arguments reach `impl` already converted to the declared parameter types.
 */
export function define(
  name: string,
  params: readonly GoType[],
  result: GoType,
  impl: (...args: any[]) => GoValue,
  options: DefineOptions = {},
): GoFunc {
  return new GoFunc(
    name,
    {
      params,
      result,
      returnsError: options.returnsError ?? false,
      ...(options.variadic !== undefined ? { variadic: options.variadic } : {}),
    },
    impl as (...args: GoValue[]) => GoValue,
  );
}

/** Shorthand for the common `func(...interface{}) T` shape. */
export function defineVariadic(name: string, result: GoType, impl: (...args: GoValue[]) => GoValue): GoFunc {
  return define(name, [], result, impl, { variadic: T_INTERFACE });
}
