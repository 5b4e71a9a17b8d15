/**
 * A set of associated templates (mirrors Go 1.23 src/text/template/template.go and option.go):
 * the templates parsed into one namespace, their function map and the missingkey option.
 *
 * helm parses every chart file into one set (`t.New(file).Parse(text)`), so `define`s are
 * global, later definitions replace earlier ones, and an empty or whitespace-only definition
 * never replaces an existing one (Go's parse.IsEmptyTree rule; charts rely on it). `tpl` works on
 * a clone with extra functions. Execution state is per call (see exec.ts), so a set parsed once
 * can execute any number of times.
 */
import type { Tree } from './ast.js';
import { BUILTINS } from './builtins.js';
import { TemplateExecError } from './errors.js';
import { type ExecContext, executeTree, type MissingKeyMode } from './exec.js';
import { isEmptyTree, parse } from './parse.js';
import { quote } from './strconv.js';
import type { GoFunc, GoValue } from './value.js';
import type { ExecBudget } from './budget.js';
import { LayeredMap } from './layered-map.js';

export type { MissingKeyMode } from './exec.js';

/** Options of a template set: Go's Option("missingkey=...") and Delims. */
export interface TemplateSetOptions {
  missingKey?: MissingKeyMode;
  /** Left action delimiter for later parses; empty or absent means `{{`. */
  leftDelim?: string;
  /** Right action delimiter for later parses; empty or absent means `}}`. */
  rightDelim?: string;
  /** A bound on execution time and output (not Go's or helm's: see budget.ts). */
  budget?: ExecBudget;
}

/**
 * ExecuteTemplate's error for an unknown name:
 * `template: no template "x" associated with template "y"` (not located at any node).
 */
export class TemplateNotFoundError extends TemplateExecError {
  constructor(
    /** The name asked for. */
    readonly requested: string,
    /** The set's own name (Go's t.name). */
    readonly setName: string,
  ) {
    super(setName, undefined, `no template ${quote(requested)} associated with template ${quote(setName)}`);
    this.name = 'TemplateNotFoundError';
    this.message = this.goText();
  }

  override goText(): string {
    return `template: ${this.detail}`;
  }
}

/** Go's *template.Template seen as the whole set of associated templates. */
export class TemplateSet implements ExecContext {
  private readonly templates: LayeredMap<string, Tree>;
  private readonly funcs: LayeredMap<string, GoFunc>;
  private missingKeyMode: MissingKeyMode;
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  readonly budget: ExecBudget | undefined;

  /**
   * `name` is the set's own name (Go's template.New(name)); `funcs` are the functions beyond the
   * builtins, which they may override (Go's Funcs).
   */
  constructor(
    readonly name: string,
    funcs: ReadonlyMap<string, GoFunc> | LayeredMap<string, GoFunc>,
    options: TemplateSetOptions = {},
    /** A clone's forked templates (clone() only). */
    templates?: LayeredMap<string, Tree>,
  ) {
    this.funcs = funcs instanceof LayeredMap ? funcs : new LayeredMap([], new Map(funcs));
    this.templates = templates ?? new LayeredMap();
    this.missingKeyMode = options.missingKey ?? 'default';
    this.leftDelim = options.leftDelim ?? '';
    this.rightDelim = options.rightDelim ?? '';
    this.budget = options.budget;
  }

  get missingKey(): MissingKeyMode {
    return this.missingKeyMode;
  }

  /** Go's Option("missingkey=MODE"). */
  setMissingKey(mode: MissingKeyMode): this {
    this.missingKeyMode = mode;
    return this;
  }

  /** Go's Funcs: adds or overrides functions (also for later parses). */
  setFuncs(funcs: ReadonlyMap<string, GoFunc>): this {
    for (const [k, v] of funcs) this.funcs.set(k, v);
    return this;
  }

  /**
   * Go's `t.New(name).Parse(source)`: parses the source and associates every tree it defines
   * (the top-level one under `name`). Throws TemplateParseError; on error nothing is added.
   */
  parse(name: string, source: string): this {
    const trees = parse(name, source, {
      isFunc: (fn) => this.funcs.has(fn) || BUILTINS.has(fn),
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
    });
    for (const [treeName, tree] of trees) this.associate(treeName, tree);
    return this;
  }

  /** Adds one parsed tree under a name (Go's AddParseTree), with the same empty-tree rule. */
  addTree(name: string, tree: Tree): this {
    this.associate(name, tree);
    return this;
  }

  /** Go's associate: a definition replaces an existing one unless it is empty. */
  private associate(name: string, tree: Tree): void {
    if (this.templates.has(name) && isEmptyTree(tree.root)) return;
    this.templates.set(name, tree);
  }

  /** The tree of an associated template, or undefined (Go's Lookup). */
  lookup(name: string): Tree | undefined {
    return this.templates.get(name);
  }

  lookupTree(name: string): Tree | undefined {
    return this.templates.get(name);
  }

  /** Every associated template as it stands (a frozen copy: later parses do not change it). */
  treesSnapshot(): ReadonlyMap<string, Tree> {
    return new Map(this.templates.keys().map((k) => [k, this.templates.get(k)!] as const));
  }

  /** Names of all associated templates, sorted. */
  names(): string[] {
    return this.templates.keys().sort();
  }

  /** Go's findFunction: the set's functions first, then the builtins. */
  findFunction(name: string): { fn: GoFunc; isBuiltin: boolean } | undefined {
    const fn = this.funcs.get(name);
    if (fn) return { fn, isBuiltin: false };
    const builtin = BUILTINS.get(name);
    return builtin ? { fn: builtin, isBuiltin: true } : undefined;
  }

  /**
   * Go's ExecuteTemplate: runs the named template with `data` as dot and returns its output.
   * Throws TemplateExecError (TemplateNotFoundError for an unknown name).
   */
  execute(name: string, data: GoValue): string {
    const tree = this.templates.get(name);
    if (!tree) throw new TemplateNotFoundError(name, this.name);
    return executeTree(this, name, tree, data);
  }

  /**
   * Go's Clone followed by Funcs(extraFuncs): a new set sharing the parsed trees, with its own
   * namespace and function map. Go's Clone drops the missingkey option (golang/go#43022) and
   * helm's `tpl` sets it again; this clone keeps it.
   */
  clone(extraFuncs?: ReadonlyMap<string, GoFunc>): TemplateSet {
    // O(1): both maps are forked, copy-on-write (layered-map.ts), not copied.
    const copy = new TemplateSet(
      this.name,
      this.funcs.fork(),
      {
        missingKey: this.missingKeyMode,
        leftDelim: this.leftDelim,
        rightDelim: this.rightDelim,
        ...(this.budget !== undefined ? { budget: this.budget } : {}),
      },
      this.templates.fork(),
    );
    if (extraFuncs) copy.setFuncs(extraFuncs);
    return copy;
  }
}
