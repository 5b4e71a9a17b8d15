/**
 * helm's serialization layer, byte-for-byte with helm v3.17.3:
 * - parse.ts: YAML → Go values as values files and `fromYaml` read them (sigs.k8s.io/yaml over
 *   go-yaml v2, whose scanner/parser live in libyaml/ and decoder in decode.ts);
 * - marshal.ts: `toYaml` (JSON first, then go-yaml v2's encoder and emitter in emitter.ts);
 * - marshal-pretty.ts: `toYamlPretty` (yaml.v3 encoder, same emitter in v3 mode);
 * - json.ts / json-parse.ts: encoding/json Marshal/MarshalIndent/Unmarshal;
 * - toml.ts / toml-parse.ts: BurntSushi/toml encoding and decoding.
 * The template functions themselves are in helm/funcs/serialization.ts.
 */
export { parseYamlToGo, parseYamlToGoArray, parseYamlToGoMap, YamlParseError, type YamlParseStage } from './parse.js';
export { compareGoStrings } from '../template/gostring.js';
export { marshalYaml, YamlMarshalError } from './marshal.js';
export { marshalYamlPretty, YamlPrettyMarshalError } from './marshal-pretty.js';
export {
  marshalJson, decodeJson, parseJsonToGo, quoteJsonString, formatJsonFloat, jsonView, JsonMarshalError, JsonStruct,
  JsonSyntaxError, JsonTypeError, type JsonMarshaler, type JsonMarshalOptions, type JsonDecodeResult,
} from './json.js';
export { marshalToml, TomlEncodeError, TomlEncodePanic } from './toml.js';
export { parseToml, TomlDatetime, TomlParseError } from './toml-parse.js';
