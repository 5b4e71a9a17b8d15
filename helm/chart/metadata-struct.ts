/**
 * Chart metadata as templates see it. helm v3.17.3's engine (engine.go recAllTpls) puts
 * `struct { chart.Metadata; IsRoot bool }{*c.Metadata, c.IsRoot()}` under `.Chart`, so
 * `.Chart.Name`, `.Chart.AppVersion`, `.Chart.IsRoot` and `.Chart.Dependencies` resolve through
 * these GoStructs. `toJSONValue` gives what encoding/json writes for them (json tags, omitempty,
 * the embedded struct flattened), in struct field order (helm/yaml's JsonStruct).
 */
import { GoStruct, NO_FIELD, tagMapType, tagSliceType, type GoMap, type GoValue } from '../template/value.js';
import { JsonStruct } from '../yaml/json.js';
import type { Chart, Dependency, Maintainer, Metadata } from './types.js';

/** chart.Maintainer (as `*chart.Maintainer` inside `.Chart.Maintainers`). */
export class MaintainerStruct extends GoStruct {
  readonly goType = '*chart.Maintainer';
  constructor(readonly m: Maintainer) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Name', 'Email', 'URL'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    switch (name) {
      case 'Name':
        return this.m.name;
      case 'Email':
        return this.m.email;
      case 'URL':
        return this.m.url;
    }
    return NO_FIELD;
  }
  toJSONValue(): JsonStruct {
    return jsonObject([
      ['name', this.m.name, this.m.name === ''],
      ['email', this.m.email, this.m.email === ''],
      ['url', this.m.url, this.m.url === ''],
    ]);
  }
}

/** chart.Dependency (as `*chart.Dependency` inside `.Chart.Dependencies`). */
export class DependencyStruct extends GoStruct {
  readonly goType = '*chart.Dependency';
  constructor(readonly d: Dependency) {
    super();
  }
  fieldNames(): readonly string[] {
    return ['Name', 'Version', 'Repository', 'Condition', 'Tags', 'Enabled', 'ImportValues', 'Alias'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    const d = this.d;
    switch (name) {
      case 'Name':
        return d.name;
      case 'Version':
        return d.version;
      case 'Repository':
        return d.repository;
      case 'Condition':
        return d.condition;
      case 'Tags':
        return tagSliceType([...d.tags], '[]string');
      case 'Enabled':
        return d.enabled;
      case 'ImportValues':
        return [...d.importValues];
      case 'Alias':
        return d.alias;
    }
    return NO_FIELD;
  }
  toJSONValue(): JsonStruct {
    const d = this.d;
    return jsonObject([
      ['name', d.name, false],
      ['version', d.version, d.version === ''],
      ['repository', d.repository, false],
      ['condition', d.condition, d.condition === ''],
      ['tags', [...d.tags], d.tags.length === 0],
      ['enabled', d.enabled, !d.enabled],
      ['import-values', [...d.importValues], d.importValues.length === 0],
      ['alias', d.alias, d.alias === ''],
    ]);
  }
}

const METADATA_FIELDS = [
  'Name', 'Home', 'Sources', 'Version', 'Description', 'Keywords', 'Maintainers', 'Icon', 'APIVersion',
  'Condition', 'Tags', 'AppVersion', 'Deprecated', 'Annotations', 'KubeVersion', 'Dependencies', 'Type',
] as const;

/**
 * chart.Metadata. `pointer` selects `*chart.Metadata` (a Chart's field) or the `chart.Metadata`
 * value embedded in the engine's `.Chart` struct. Reads the live Metadata, so dependency
 * processing's rewrites are visible.
 */
export class MetadataStruct extends GoStruct {
  readonly goType: string;
  constructor(
    readonly md: Metadata,
    pointer = true,
  ) {
    super();
    this.goType = pointer ? '*chart.Metadata' : 'chart.Metadata';
  }
  fieldNames(): readonly string[] {
    return METADATA_FIELDS;
  }
  field(name: string): GoValue | typeof NO_FIELD {
    const md = this.md;
    switch (name) {
      case 'Name':
        return md.name;
      case 'Home':
        return md.home;
      case 'Sources':
        return tagSliceType([...md.sources], '[]string');
      case 'Version':
        return md.version;
      case 'Description':
        return md.description;
      case 'Keywords':
        return tagSliceType([...md.keywords], '[]string');
      case 'Maintainers':
        return tagSliceType(
          md.maintainers.map((m) => (m === null ? null : new MaintainerStruct(m))),
          '[]*chart.Maintainer',
        );
      case 'Icon':
        return md.icon;
      case 'APIVersion':
        return md.apiVersion;
      case 'Condition':
        return md.condition;
      case 'Tags':
        return md.tags;
      case 'AppVersion':
        return md.appVersion;
      case 'Deprecated':
        return md.deprecated;
      case 'Annotations':
        return tagMapType(new Map(md.annotations ?? []), 'map[string]string');
      case 'KubeVersion':
        return md.kubeVersion;
      case 'Dependencies':
        return tagSliceType(
          (md.dependencies ?? []).map((d) => (d === null ? null : new DependencyStruct(d))),
          '[]*chart.Dependency',
        );
      case 'Type':
        return md.type;
    }
    return NO_FIELD;
  }
  toJSONValue(): JsonStruct {
    return jsonObject(metadataJsonEntries(this.md));
  }
}

/**
 * The engine's `.Chart`: `struct { chart.Metadata; IsRoot bool }`. Metadata's fields are promoted;
 * the embedded value itself is the field `Metadata`.
 */
export class TemplateChartStruct extends GoStruct {
  readonly goType = 'struct { chart.Metadata; IsRoot bool }';
  private readonly metadata: MetadataStruct;
  constructor(
    readonly md: Metadata,
    readonly isRoot: boolean,
  ) {
    super();
    this.metadata = new MetadataStruct(md, false);
  }
  /** `.Chart` for a chart in the tree (helm copies the metadata when rendering starts). */
  static of(chart: Chart): TemplateChartStruct {
    return new TemplateChartStruct(chart.metadata, chart.isRoot());
  }
  fieldNames(): readonly string[] {
    return ['Metadata', 'IsRoot'];
  }
  field(name: string): GoValue | typeof NO_FIELD {
    if (name === 'Metadata') return this.metadata;
    if (name === 'IsRoot') return this.isRoot;
    return this.metadata.field(name);
  }
  toJSONValue(): JsonStruct {
    return jsonObject([...metadataJsonEntries(this.md), ['IsRoot', this.isRoot, false]]);
  }
}

type JsonEntry = [key: string, value: GoValue, omit: boolean];

function metadataJsonEntries(md: Metadata): JsonEntry[] {
  const annotations: GoMap = new Map(md.annotations ?? []);
  const deps = md.dependencies ?? [];
  return [
    ['name', md.name, md.name === ''],
    ['home', md.home, md.home === ''],
    ['sources', [...md.sources], md.sources.length === 0],
    ['version', md.version, md.version === ''],
    ['description', md.description, md.description === ''],
    ['keywords', [...md.keywords], md.keywords.length === 0],
    ['maintainers', md.maintainers.map((m) => (m === null ? null : new MaintainerStruct(m))), md.maintainers.length === 0],
    ['icon', md.icon, md.icon === ''],
    ['apiVersion', md.apiVersion, md.apiVersion === ''],
    ['condition', md.condition, md.condition === ''],
    ['tags', md.tags, md.tags === ''],
    ['appVersion', md.appVersion, md.appVersion === ''],
    ['deprecated', md.deprecated, !md.deprecated],
    ['annotations', annotations, annotations.size === 0],
    ['kubeVersion', md.kubeVersion, md.kubeVersion === ''],
    ['dependencies', deps.map((d) => (d === null ? null : new DependencyStruct(d))), deps.length === 0],
    ['type', md.type, md.type === ''],
  ];
}

/** The struct as encoding/json writes it: JSON names in field order, omitempty fields dropped. */
function jsonObject(entries: JsonEntry[]): JsonStruct {
  return new JsonStruct(entries.filter(([, , omit]) => !omit).map(([k, v]) => [k, v] as const));
}
