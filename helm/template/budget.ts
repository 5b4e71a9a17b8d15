/**
 * A bound on one render's work, shared by every template it executes (including `include`,
 * `tpl` and `template` calls) and by the functions they call. Go's text/template and helm have
 * none: `helm template` may run forever on a hostile chart. The renderer's library API (used by
 * the CMP, lint and the webhook, which render charts from git or remote repositories) passes a
 * budget; the `template` command, which must behave as helm does, passes none.
 *
 * Functions reach the budget of the render in progress through `activeBudget()`: a render runs
 * synchronously on one thread, so executeTree makes its budget the active one while it runs
 * (the per-DPU Jinja engine does the same). The free functions below (`reserveChars`,
 * `reserveElements`, `pollWork`, `checkDeadline`) are what template functions call: they check
 * the active budget, if any, and the JavaScript engine's own limits, which hold in every render
 * because crossing them aborts the process instead of throwing.
 */
import { nodeV8 } from '../on-demand.js';
import { TemplateLimitError } from './errors.js';
import { ENGINE_MAX_HEAP_SHARE, ENGINE_MAX_LIST_ELEMENTS, ENGINE_MAX_STRING_CHARS } from './limits.js';
import type { GoValue } from './value.js';

/** The bounds a caller sets on one render (renderChart's options of the same names). */
export interface RenderLimits {
  /** Wall-clock time the render may take, in milliseconds. */
  readonly timeoutMs: number;
  /** Longest output (UTF-16 code units) one template execution may produce. */
  readonly maxOutputChars: number;
  /** Longest string one function call may build (toYaml, repeat, indent, b64enc, join...). */
  readonly maxStringChars: number;
  /** Most elements one function call may build: list items (until, splitList...), copied nodes (deepCopy). */
  readonly maxListElements: number;
  /** Characters and elements all size-checked function calls of the render may build in total. */
  readonly maxAllocation: number;
}

/**
 * renderChart's defaults: far above what real charts need (a chart's render takes milliseconds,
 * its largest toYaml is kilobytes, its longest `until` thousands) and far below what would hurt
 * a shared process (a list of 1 Mi integers is ~75 MB of heap).
 */
export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  timeoutMs: 5_000,
  maxOutputChars: 64 * 1024 * 1024,
  maxStringChars: 64 * 1024 * 1024,
  maxListElements: 1024 * 1024,
  maxAllocation: 256 * 1024 * 1024,
};

/** How many walked nodes pass between two clock reads (Date.now is not free). */
const CHECK_EVERY_STEPS = 1024;
/** How many units of function work (characters, elements, comparisons) pass between two clock reads. */
const CHECK_EVERY_UNITS = 64 * 1024;

export class ExecBudget {
  private steps = 0;
  private allocated = 0;
  private unpolledWork = 0;

  constructor(
    /** Epoch milliseconds after which execution stops. */
    readonly deadline: number,
    readonly limits: RenderLimits,
  ) {}

  /** A budget with `limits` (defaults for those not given), its deadline counted from now. */
  static startingNow(limits: Partial<RenderLimits> = {}): ExecBudget {
    const all = { ...DEFAULT_RENDER_LIMITS, ...limits };
    return new ExecBudget(Date.now() + all.timeoutMs, all);
  }

  get timeoutMs(): number {
    return this.limits.timeoutMs;
  }

  get maxOutputChars(): number {
    return this.limits.maxOutputChars;
  }

  /** Characters and elements charged so far (for measurements and tests). */
  get allocatedSoFar(): number {
    return this.allocated;
  }

  /** Called for every walked node with the current output length; throws TemplateLimitError. */
  tick(outputLength: number): void {
    if (++this.steps % CHECK_EVERY_STEPS !== 0) return;
    this.checkOutput(outputLength);
    this.checkDeadline();
  }

  /** Throws RENDER_OUTPUT when a template's output is longer than maxOutputChars. */
  checkOutput(outputLength: number): void {
    if (outputLength > this.limits.maxOutputChars) {
      throw new TemplateLimitError(
        'RENDER_OUTPUT',
        this.limits.maxOutputChars,
        `rendering produced more than ${this.limits.maxOutputChars} characters of output`,
      );
    }
  }

  /** Throws RENDER_TIMEOUT once the deadline has passed. */
  checkDeadline(): void {
    if (Date.now() > this.deadline) {
      throw new TemplateLimitError('RENDER_TIMEOUT', this.limits.timeoutMs, `rendering did not finish within ${this.limits.timeoutMs} ms`);
    }
  }

  /** Counts `units` of work done inside a function; reads the clock every CHECK_EVERY_UNITS. */
  pollWork(units: number): void {
    this.unpolledWork += units;
    if (this.unpolledWork < CHECK_EVERY_UNITS) return;
    this.unpolledWork = 0;
    this.checkDeadline();
  }

  /** Charges `units` to maxAllocation (and to the clock polling); throws RENDER_ALLOCATION. */
  charge(units: number): void {
    if (this.allocated + units > this.limits.maxAllocation) {
      throw new TemplateLimitError(
        'RENDER_ALLOCATION',
        this.limits.maxAllocation,
        `building ${units} more characters or elements would exceed the render limit of ${this.limits.maxAllocation} in total (maxAllocation)`,
      );
    }
    this.allocated += units;
    this.pollWork(units);
  }

  /** Throws RENDER_STRING when one call's string of `chars` (with `estimated`, at least that many) is too long. */
  checkString(chars: number, estimated = false): void {
    const max = this.limits.maxStringChars;
    if (chars > max) {
      const size = estimated ? 'would exceed' : `of ${chars} characters exceeds`;
      throw new TemplateLimitError('RENDER_STRING', max, `result ${size} the render limit of ${max} characters per string (maxStringChars)`);
    }
  }

  /** Throws RENDER_LIST when one call's list (or copy) of `count` elements is too long. */
  checkList(count: number): void {
    const max = this.limits.maxListElements;
    if (count > max) {
      throw new TemplateLimitError('RENDER_LIST', max, `result of ${count} elements exceeds the render limit of ${max} elements per list (maxListElements)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The budget of the render in progress.

let active: ExecBudget | undefined;

/** The budget of the render in progress; undefined outside renders and in unbounded ones. */
export function activeBudget(): ExecBudget | undefined {
  return active;
}

/** Runs `fn` with `budget` as the active budget (undefined: none), restoring the previous one. */
export function runWithBudget<T>(budget: ExecBudget | undefined, fn: () => T): T {
  const previous = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

// ---------------------------------------------------------------------------------------------
// What template functions call before they build something whose size an argument decides.

/**
 * Before building a string of `chars` UTF-16 code units (with `estimated`, a lower bound of its
 * length): the render's maxStringChars and maxAllocation when there is a budget, the engine's
 * string and heap limits always. Throws TemplateLimitError, which the executor reports as
 * `error calling NAME: ...`.
 */
export function reserveChars(chars: number, estimated = false): void {
  // The render's own limit first: with a budget, its name is the one the author can act on.
  active?.checkString(chars, estimated);
  if (chars > ENGINE_MAX_STRING_CHARS) {
    const size = estimated ? 'would exceed' : `of ${chars} characters exceeds`;
    throw new TemplateLimitError(
      'ENGINE_STRING',
      ENGINE_MAX_STRING_CHARS,
      `result ${size} the JavaScript engine's limit of ${ENGINE_MAX_STRING_CHARS} characters per string`,
    );
  }
  checkHeap(chars, 2, 'characters');
  active?.charge(chars);
}

/**
 * Before building `count` list elements (each about `bytesPerElement` bytes of heap, e.g. ~72
 * for a list of Go ints): the render's maxListElements and maxAllocation when there is a
 * budget, the engine's array and heap limits always.
 */
export function reserveElements(count: number, bytesPerElement = 16): void {
  active?.checkList(count);
  checkEngineElements(count);
  checkHeap(count, bytesPerElement, 'elements');
  active?.charge(count);
}

/** How often a GrowingResult checks its size: often enough that no check is skipped for long. */
const GROWTH_CHECK_UNITS = 4096;

/**
 * A result whose size is only known while it is built (regex matches, wrapped lines, a deep
 * copy): `add` counts what was added, and every few thousand units the running size is checked
 * like reserveChars/reserveElements would check it, and the increment charged. Call `done` at
 * the end so the last increment is checked too.
 */
export class GrowingResult {
  private size = 0;
  private unchecked = 0;

  constructor(
    private readonly unit: 'characters' | 'elements',
    private readonly bytesEach: number,
  ) {}

  add(units: number): void {
    this.size += units;
    this.unchecked += units;
    if (this.unchecked >= GROWTH_CHECK_UNITS) this.check();
  }

  done(): void {
    if (this.unchecked > 0) this.check();
  }

  private check(): void {
    const increment = this.unchecked;
    this.unchecked = 0;
    if (this.unit === 'characters') {
      active?.checkString(this.size);
      if (this.size > ENGINE_MAX_STRING_CHARS) reserveChars(this.size);
    } else {
      active?.checkList(this.size);
      checkEngineElements(this.size);
    }
    checkHeap(this.size, this.bytesEach, this.unit);
    active?.charge(increment);
  }
}

/**
 * Before building a JavaScript array of `count` items that the result does not keep (a
 * string's code points, bytes as numbers): only the engine's array limit, so that no input,
 * however it was built, makes V8 abort; the work is polled against the deadline.
 */
export function checkEngineElements(count: number): void {
  if (count > ENGINE_MAX_LIST_ELEMENTS) {
    throw new TemplateLimitError(
      'ENGINE_LIST',
      ENGINE_MAX_LIST_ELEMENTS,
      `result of ${count} elements exceeds the limit of ${ENGINE_MAX_LIST_ELEMENTS} elements per list (beyond it the JavaScript engine aborts)`,
    );
  }
  active?.pollWork(count);
}

/** Counts work inside a long-running function against the deadline (no-op without a budget). */
export function pollWork(units: number): void {
  active?.pollWork(units);
}

/** Before an expensive call (key generation, bcrypt, scrypt): stops at once if the deadline passed. */
export function checkDeadline(): void {
  active?.checkDeadline();
}

let heapLimitBytes: number | undefined;

/** ENGINE_HEAP: one call planning more than ENGINE_MAX_HEAP_SHARE of the heap. */
function checkHeap(count: number, bytesEach: number, unit: string): void {
  const bytes = count * bytesEach;
  if (bytes < 16 * 1024 * 1024) return;
  heapLimitBytes ??= nodeV8().getHeapStatistics().heap_size_limit;
  const allowed = heapLimitBytes * ENGINE_MAX_HEAP_SHARE;
  if (bytes <= allowed) return;
  const mib = (n: number): number => Math.ceil(n / (1024 * 1024));
  throw new TemplateLimitError(
    'ENGINE_HEAP',
    allowed,
    `result of ${count} ${unit} needs about ${mib(bytes)} MiB, more than the ${mib(allowed)} MiB one call may take of the JavaScript heap`,
  );
}

// ---------------------------------------------------------------------------------------------
// Sizes of values about to be printed or encoded.

/** Sizes of one value as printers expand it (shared sub-values counted every time). */
interface ExpandedSize {
  /** Values in the expansion. */
  nodes: number;
  /** Their own characters: at least one each, strings and byte slices their length, map keys their length plus one. */
  chars: number;
  /** The sum of their depths below this value. */
  depthSum: number;
}

/**
 * A lower bound of the characters that printing or encoding `v` produces (fmt's %v, YAML, JSON,
 * TOML): every value at least one character, strings and byte slices their length, map keys
 * their length plus a separator; with `indented`, a value at nesting depth d (the top value is
 * at 0) at least d-1 more, as block YAML and indented JSON start nested lines further right.
 * Shared sub-values count every time they are reached, as printers print them, but each is
 * measured once, so the walk is linear in the value's size in memory; a value that contains
 * itself has no bound (Infinity). Structs count one: helm's structs hold no values a template
 * built.
 */
export function printedSizeAtLeast(v: GoValue, indented = false): number {
  const top = expandedSize(v);
  if (!indented) return top.chars;
  // Every value below the top one adds depth - 1.
  return top.chars + top.depthSum - (top.nodes - 1);
}

type Container = GoValue[] | Map<string, GoValue>;

const LEAF_CHARS = (x: GoValue): number => (typeof x === 'string' || x instanceof Uint8Array ? Math.max(1, x.length) : 1);
const isContainer = (x: GoValue): x is Container => Array.isArray(x) || x instanceof Map;
const CYCLE: ExpandedSize = { nodes: Infinity, chars: Infinity, depthSum: Infinity };

/** Post-order over the distinct containers under v, without recursion (values may nest deeply). */
function expandedSize(v: GoValue): ExpandedSize {
  if (!isContainer(v)) return { nodes: 1, chars: LEAF_CHARS(v), depthSum: 0 };
  const done = new Map<Container, ExpandedSize>();
  const onPath = new Set<Container>();
  const stack: Container[] = [v];
  let unpolled = 0;
  while (stack.length > 0) {
    const c = stack[stack.length - 1]!;
    if (done.has(c)) {
      stack.pop();
      continue;
    }
    if (!onPath.has(c)) {
      // First visit: measure the children first.
      onPath.add(c);
      for (const e of c.values()) {
        if (!isContainer(e)) continue;
        if (onPath.has(e)) return CYCLE;
        if (!done.has(e)) stack.push(e);
      }
      unpolled += c instanceof Map ? c.size : c.length;
      if (unpolled >= CHECK_EVERY_UNITS) {
        active?.pollWork(unpolled);
        unpolled = 0;
      }
      continue;
    }
    // Second visit: every child is measured.
    const size: ExpandedSize = { nodes: 1, chars: 1, depthSum: 0 };
    const add = (e: GoValue, keyLength: number): void => {
      const child = isContainer(e) ? done.get(e)! : { nodes: 1, chars: LEAF_CHARS(e), depthSum: 0 };
      size.nodes += child.nodes;
      size.chars += child.chars + keyLength;
      size.depthSum += child.depthSum + child.nodes;
    };
    if (c instanceof Map) for (const [k, e] of c) add(e, k.length + 1);
    else for (const e of c) add(e, 0);
    onPath.delete(c);
    done.set(c, size);
    stack.pop();
  }
  return done.get(v)!;
}

/**
 * Before printing or encoding `v` into one string: its size lower bound (printedSizeAtLeast)
 * reserved like a string of that many characters.
 */
export function reservePrinted(v: GoValue, indented = false): void {
  reserveChars(printedSizeAtLeast(v, indented), true);
}
