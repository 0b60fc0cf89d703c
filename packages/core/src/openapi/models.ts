import type { Schema } from '../schema.js';
import { type Components, DATA_KEYWORDS, type Io } from './components.js';
import type { JsonSchema, OpenApiOptions } from './types.js';

interface StandardJsonSchemaHost {
  readonly '~standard': {
    readonly vendor?: string;
    readonly jsonSchema?: {
      input?(options: { target: string }): unknown;
      output?(options: { target: string }): unknown;
    };
  };
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Schema a schema gives of itself (Standard JSON Schema), else the option's. */
function convert(schema: Schema, io: Io, options: OpenApiOptions): unknown {
  const host = (schema as unknown as StandardJsonSchemaHost)['~standard']?.jsonSchema;
  const method = host?.[io];
  if (typeof method === 'function') {
    try {
      return method.call(host, { target: 'draft-2020-12' });
    } catch {
      /* a schema that cannot express itself (a zod transform): ask the option */
    }
  }
  return options.jsonSchema?.(schema, io) ?? {};
}

// Names converters make up for definitions nobody named: zod's `__schema0` (a recursive
// schema inside another), valibot's `0`, arktype's internal node ids (`intersection12`).
function isMadeUp(name: string, vendor: string | undefined): boolean {
  return /^(__schema)?\d+$/.test(name) || (vendor === 'arktype' && /^[a-z]+\d+$/.test(name));
}

/** A component name as OpenAPI allows it: `^[A-Za-z0-9._-]+$`. */
export function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
}

const ROOT = '#';

/** Where a local `$ref` points: the root or a known definition, and the pointer beyond it. */
function target(
  ref: unknown,
  nodes: ReadonlyMap<string, unknown>,
): { node: string; rest: string } | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const raw = ref.slice(1);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw); // a fragment may be percent-encoded, or hold a bare '%'
  } catch {
    /* keep it as written */
  }
  for (const pointer of decoded === raw ? [raw] : [decoded, raw]) {
    const def = /^\/(?:\$defs|definitions)\/([^/]*)(.*)$/.exec(pointer);
    if (def === null) return { node: ROOT, rest: pointer };
    const node = `d:${def[1]!.replace(/~1/g, '/').replace(/~0/g, '~')}`;
    if (nodes.has(node)) return { node, rest: def[2]! };
  }
  return undefined;
}

/** Calls `visit` on every object of a schema that holds a `$ref`, skipping data keywords. */
function eachRef(node: unknown, visit: (holder: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) eachRef(item, visit);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string') visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (!DATA_KEYWORDS.has(key)) eachRef(value, visit);
  }
}

function withoutMeta(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { $schema: _s, $id: _i, $defs: _d, definitions: _f, ...rest } = schema;
  return rest;
}

/** Places one converted schema's definitions among the components; returns its root. */
function place(
  raw: JsonObject,
  io: Io,
  vendor: string | undefined,
  hint: string,
  where: string,
  components: Components,
): JsonSchema {
  const nodes = new Map<string, unknown>([[ROOT, withoutMeta(raw)]]);
  for (const defs of [raw.definitions, raw.$defs]) {
    if (!isObject(defs)) continue;
    for (const [name, def] of Object.entries(defs)) nodes.set(`d:${name}`, withoutMeta(def));
  }
  // valibot repeats a recursive root as a definition: point the root at it instead.
  const rootText = JSON.stringify(nodes.get(ROOT));
  for (const [key, def] of nodes) {
    if (key !== ROOT && JSON.stringify(def) === rootText) {
      nodes.set(ROOT, { $ref: `#/$defs/${key.slice(2).replace(/~/g, '~0').replace(/\//g, '~1')}` });
      break;
    }
  }
  // Components: named definitions, and whatever breaks a cycle (the targets of a depth-first
  // search's back edges) or is pointed into; everything else is inlined where it is used.
  const shared = new Set<string>();
  for (const key of nodes.keys())
    if (key !== ROOT && !isMadeUp(key.slice(2), vendor)) shared.add(key);
  const colour = new Map<string, 'grey' | 'black'>();
  const search = (key: string): void => {
    colour.set(key, 'grey');
    eachRef(nodes.get(key), (holder) => {
      const to = target(holder.$ref, nodes);
      if (to === undefined) return;
      if (to.rest !== '' || to.node === ROOT || Object.keys(holder).length > 1) shared.add(to.node);
      const seen = colour.get(to.node);
      if (seen === 'grey') shared.add(to.node);
      else if (seen === undefined) search(to.node);
    });
    colour.set(key, 'black');
  };
  search(ROOT);
  const ids = new Map<string, number>();
  for (const key of nodes.keys()) {
    if (!shared.has(key) || !colour.has(key) || !(key === ROOT || isMadeUp(key.slice(2), vendor)))
      continue;
    ids.set(key, components.addAnonymous(ids.size === 0 ? hint : `${hint}${ids.size + 1}`));
  }
  const refTo = (key: string, rest: string): string => {
    const id = ids.get(key);
    return id === undefined
      ? components.namedRef(componentName(key.slice(2)), io, rest)
      : components.anonymousRef(id, rest);
  };
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!isObject(node)) return node;
    const to = target(node.$ref, nodes);
    if (to !== undefined && !shared.has(to.node)) {
      return rewrite(nodes.get(to.node));
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && to !== undefined) out.$ref = refTo(to.node, to.rest);
      else out[key] = DATA_KEYWORDS.has(key) ? value : rewrite(value);
    }
    return out;
  };
  for (const key of shared) {
    if (!colour.has(key)) continue; // unreachable, e.g. valibot's unused global definitions
    const content = rewrite(nodes.get(key));
    const id = ids.get(key);
    if (id === undefined) components.addNamed(componentName(key.slice(2)), io, content, where);
    else components.setAnonymous(id, content);
  }
  return shared.has(ROOT) ? { $ref: refTo(ROOT, '') } : (rewrite(nodes.get(ROOT)) as JsonSchema);
}

/**
 * Converts the schemas of one document: each (schema, side) once, its
 * definitions hoisted into the components and its root returned with
 * placeholder references that {@link Components.finish} resolves.
 */
export class Models {
  private readonly memo = new WeakMap<object, Partial<Record<Io, JsonSchema>>>();

  constructor(
    readonly components: Components,
    private readonly options: OpenApiOptions,
  ) {}

  /** The JSON Schema of `schema` (open when undefined); `hint` names it if it must be a component. */
  schema(schema: Schema | undefined, io: Io, hint: string, where: string): JsonSchema {
    if (schema === undefined) return {};
    let sides = this.memo.get(schema);
    if (sides === undefined) this.memo.set(schema, (sides = {}));
    const known = sides[io];
    if (known !== undefined) return known;
    const raw = convert(schema, io, this.options);
    const vendor = (schema as unknown as StandardJsonSchemaHost)['~standard']?.vendor;
    const out = isObject(raw)
      ? place(raw, io, vendor, componentName(hint), where, this.components)
      : (raw as JsonSchema);
    sides[io] = out;
    return out;
  }
}
