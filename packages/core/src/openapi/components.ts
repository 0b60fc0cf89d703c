import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import type { JsonSchema } from './types.js';

/** Which side of a model a JSON Schema describes: what clients send, or what they get. */
export type Io = 'input' | 'output';

// Until finish() names every component, `$ref`s to them hold a placeholder: a
// named model's final name depends on every use (input and output may differ),
// and an anonymous one is only emitted, and named, when the document uses it.
const MARK = '\u0000sk\u0000';
const PREFIX = '#/components/schemas/';

type Placeholder =
  | { kind: 'named'; name: string; io: Io; rest: string }
  | { kind: 'anonymous'; id: number; rest: string };

function parse(ref: unknown): Placeholder | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(MARK)) return undefined;
  const [kind, a, b, rest] = ref.slice(MARK.length).split('\u0000') as [
    string,
    string,
    string,
    string,
  ];
  return kind === 'n'
    ? { kind: 'named', io: a as Io, name: b, rest }
    : { kind: 'anonymous', id: Number(a), rest: b };
}

interface Variant {
  readonly content: unknown;
  /** Where the model was met (`GET /a response`), for conflict messages. */
  readonly where: string;
}

/** Data keywords: their values are instances, never schemas, so no `$ref` in them is rewritten. */
export const DATA_KEYWORDS: ReadonlySet<string> = new Set([
  'const',
  'enum',
  'default',
  'examples',
  'example',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document's `components.schemas`: named models (zod `.meta({ id })`,
 * valibot global definitions, the core's error schemas) and anonymous models
 * that must be components because they are recursive. Only what the finished
 * document references is emitted.
 */
export class Components {
  private readonly named = new Map<string, Record<Io, Variant[]>>();
  private readonly anonymous: { hint: string; content: unknown }[] = [];

  /** The `$ref` value of a named model until {@link finish}. */
  namedRef(name: string, io: Io, rest = ''): string {
    return `${MARK}n\u0000${io}\u0000${name}\u0000${rest}`;
  }

  /** The `$ref` value of an anonymous component until {@link finish}. */
  anonymousRef(id: number, rest = ''): string {
    return `${MARK}a\u0000${id}\u0000${rest}`;
  }

  /** Records one sighting of a named model's JSON Schema. */
  addNamed(name: string, io: Io, content: unknown, where: string): void {
    let entry = this.named.get(name);
    if (entry === undefined) this.named.set(name, (entry = { input: [], output: [] }));
    entry[io].push({ content, where });
  }

  /** Reserves an anonymous component; its name comes from `hint` if the document uses it. */
  addAnonymous(hint: string): number {
    return this.anonymous.push({ hint, content: {} }) - 1;
  }

  /** Sets the JSON Schema of an anonymous component reserved with {@link addAnonymous}. */
  setAnonymous(id: number, content: unknown): void {
    this.anonymous[id]!.content = content;
  }

  /** Follows a placeholder `$ref` to the schema it stands for (a query model's properties). */
  resolve(schema: JsonSchema): JsonSchema {
    if (!isObject(schema)) return schema;
    const ref = parse(schema.$ref);
    if (ref === undefined || ref.rest !== '') return schema;
    const found =
      ref.kind === 'anonymous'
        ? this.anonymous[ref.id]!.content
        : this.named.get(ref.name)![ref.io][0]!.content;
    return found as JsonSchema;
  }

  // A canonical text of a schema, anonymous components expanded (a cycle back to one
  // on the stack is written by its depth), named ones by name: with `split`, a name's
  // io counts only if that name is split, without it always.
  private canon(node: unknown, stack: number[], split?: ReadonlySet<string>): string {
    if (Array.isArray(node)) return `[${node.map((n) => this.canon(n, stack, split)).join(',')}]`;
    if (!isObject(node)) return JSON.stringify(node) ?? 'null';
    const parts: string[] = [];
    for (const key of Object.keys(node).sort()) {
      const ref = key === '$ref' ? parse(node[key]) : undefined;
      let text: string;
      if (ref?.kind === 'named') {
        const io = split === undefined || split.has(ref.name) ? ref.io : '';
        text = `n:${io}:${ref.name}:${ref.rest}`;
      } else if (ref?.kind === 'anonymous') {
        const depth = stack.lastIndexOf(ref.id);
        text =
          depth >= 0
            ? `^${stack.length - depth}:${ref.rest}`
            : `a:${this.canon(this.anonymous[ref.id]!.content, [...stack, ref.id], split)}:${ref.rest}`;
      } else {
        text = DATA_KEYWORDS.has(key)
          ? JSON.stringify(node[key])
          : this.canon(node[key], stack, split);
      }
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  // One JSON Schema per name and side; two different models under one name are refused.
  private checkNames(): void {
    for (const [name, sides] of this.named) {
      for (const io of ['input', 'output'] as const) {
        const [first, ...rest] = sides[io];
        if (first === undefined) continue;
        const text = this.canon(first.content, []);
        const other = rest.find((v) => this.canon(v.content, []) !== text);
        if (other !== undefined) {
          throw new StatuskitError(
            ErrorCode.INVALID_OPTION,
            `toOpenApi: two different models are named ${describeValue(name)} (${first.where}; ${other.where}); give each model its own id.`,
          );
        }
      }
    }
  }

  // Names whose input and output schemas differ (zod adds additionalProperties: false to
  // outputs, defaults make input fields optional); a name whose schema refers to a split
  // name is split too, so the fixed point is reached by repetition.
  private splitNames(): Set<string> {
    const split = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, sides] of this.named) {
        if (split.has(name) || !sides.input[0] || !sides.output[0]) continue;
        if (
          this.canon(sides.input[0].content, [], split) !==
          this.canon(sides.output[0].content, [], split)
        ) {
          split.add(name);
          changed = true;
        }
      }
    }
    return split;
  }

  /**
   * Names every component the document uses, replaces each placeholder
   * `$ref` in `parts` by `#/components/schemas/<Name>` and returns the parts
   * and the schemas, sorted by name. A named model used as input and output
   * with different schemas is `Name` (output) and `Name-Input`.
   */
  finish<T>(parts: T): { parts: T; schemas: Record<string, JsonSchema> } {
    this.checkNames();
    const split = this.splitNames();
    const finalName = (name: string, io: Io): string =>
      split.has(name) && io === 'input' ? `${name}-Input` : name;
    const reserved = new Set<string>(this.named.keys());
    for (const name of split) {
      if (reserved.has(finalName(name, 'input'))) {
        throw new StatuskitError(
          ErrorCode.INVALID_OPTION,
          `toOpenApi: a model is named ${describeValue(finalName(name, 'input'))}, the name statuskit gives the input side of model ${describeValue(name)}; rename it.`,
        );
      }
      reserved.add(finalName(name, 'input'));
    }
    const schemas: Record<string, JsonSchema> = {};
    const queue: [string, unknown][] = [];
    const anonymousNames = new Map<string, string>();
    const nameOf = (ref: Placeholder): string => {
      if (ref.kind === 'named') {
        const name = finalName(ref.name, ref.io);
        if (!(name in schemas)) {
          const sides = this.named.get(ref.name)!;
          const variant = split.has(ref.name)
            ? sides[ref.io][0]!
            : (sides.output[0] ?? sides.input[0])!;
          schemas[name] = {};
          queue.push([name, variant.content]);
        }
        return name;
      }
      const anonymous = this.anonymous[ref.id]!;
      const key = this.canon(anonymous.content, [ref.id], split);
      let name = anonymousNames.get(key);
      if (name === undefined) {
        name = anonymous.hint;
        for (let n = 2; reserved.has(name); n++) name = `${anonymous.hint}${n}`;
        reserved.add(name);
        anonymousNames.set(key, name);
        schemas[name] = {};
        queue.push([name, anonymous.content]);
      }
      return name;
    };
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (!isObject(node)) return node;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        const ref = key === '$ref' ? parse(value) : undefined;
        out[key] = ref ? `${PREFIX}${nameOf(ref)}${ref.rest}` : rewrite(value);
      }
      return out;
    };
    const done = rewrite(parts) as T;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      schemas[next[0]] = rewrite(next[1]) as JsonSchema;
    }
    const sorted: Record<string, JsonSchema> = {};
    for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name]!;
    return { parts: done, schemas: sorted };
  }
}
