// Rebuilds Go values from the typed JSON that scripts/record/gofmt/main.go writes (its `encode`),
// for gofmt.test.ts and escape.test.ts.
import { GoInt, GoStruct, NO_FIELD, tagMapType, tagSliceType, type GoValue, type IntType } from '../../../helm/template/value.js';

export type EncodedValue =
  | { t: 'nil' }
  | { t: 'bool'; v: boolean }
  | { t: 'string'; v: string }
  | { t: 'int'; type: IntType; v: string }
  | { t: 'float64'; v: string }
  | { t: 'bytes'; v: number[] }
  | { t: 'slice'; type: string; v: EncodedValue[] }
  | { t: 'map'; type: string; v: [string, EncodedValue][] }
  | { t: 'struct'; type: string; nil?: boolean; fields: [string, EncodedValue][]; str?: string };

/** A struct as the recorder saw it: fields in order, String() result if it was a Stringer. */
class RecordedStruct extends GoStruct {
  constructor(
    readonly goType: string,
    private readonly fields: ReadonlyMap<string, GoValue>,
    private readonly isNil: boolean,
    private readonly str: string | undefined,
  ) {
    super();
  }
  fieldNames(): readonly string[] {
    return [...this.fields.keys()];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    return this.fields.has(name) ? this.fields.get(name) : NO_FIELD;
  }
  override isNilPointer(): boolean {
    return this.isNil;
  }
  override goString(): string | undefined {
    return this.str;
  }
}

export function decodeValue(e: EncodedValue): GoValue {
  switch (e.t) {
    case 'nil':
      return null;
    case 'bool':
    case 'string':
      return e.v;
    case 'int':
      return new GoInt(BigInt(e.v), e.type);
    case 'float64':
      return Number(e.v);
    case 'bytes':
      return Uint8Array.from(e.v);
    case 'slice':
      return tagSliceType(e.v.map(decodeValue), e.type);
    case 'map':
      return tagMapType(new Map(e.v.map(([k, v]) => [k, decodeValue(v)])), e.type);
    case 'struct':
      return new RecordedStruct(e.type, new Map(e.fields.map(([k, v]) => [k, decodeValue(v)])), e.nil === true, e.str);
  }
}

/** Arguments shown compactly in failure messages. */
export function describeArgs(args: EncodedValue[]): string {
  return JSON.stringify(args.map((a) => ('v' in a ? a.v : a.t)));
}
