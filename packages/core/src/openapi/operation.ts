import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import type { AnyRoute } from '../route.js';
import type { Models } from './models.js';
import type { JsonSchema } from './types.js';

function derived(route: AnyRoute): string {
  const path = route.path
    .replace(/[{}]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return `${route.method.toLowerCase()}_${path || 'root'}`;
}

/**
 * One unique operationId per route: the declared one (two routes declaring
 * the same are refused), else `get_items_id` from method and path, with a
 * `_2`, `_3` suffix where two paths give the same.
 */
export function operationIds(routes: readonly AnyRoute[]): string[] {
  const declared = new Map<string, AnyRoute>();
  for (const route of routes) {
    const id = route.spec.operationId;
    if (id === undefined) continue;
    const other = declared.get(id);
    if (other !== undefined) {
      throw new StatuskitError(
        ErrorCode.INVALID_ROUTE,
        `toOpenApi: routes ${other.id} and ${route.id} both declare operationId ${describeValue(id)}; operationIds must be unique.`,
      );
    }
    declared.set(id, route);
  }
  const taken = new Set(declared.keys());
  return routes.map((route) => {
    if (route.spec.operationId !== undefined) return route.spec.operationId;
    const base = derived(route);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    return id;
  });
}

/** `get_items_id` as `GetItemsId`: the prefix of a route's generated component names. */
export function pascalCase(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return name === '' ? 'Operation' : name;
}

type ObjectSchema = { properties?: Record<string, JsonSchema>; required?: string[] };

/** Path, query and header parameters, from the properties of the request schemas. */
export function parameters(route: AnyRoute, models: Models, hint: string): unknown[] {
  const request = route.spec.request;
  const objectSchema = (key: 'params' | 'query' | 'headers'): ObjectSchema => {
    const schema = models.schema(
      request?.[key],
      'input',
      `${hint}${key[0]!.toUpperCase()}${key.slice(1)}`,
      `${route.id} ${key}`,
    );
    return models.components.resolve(schema) as ObjectSchema;
  };
  const parameter = (name: string, where: string, required: boolean, schema: JsonSchema) => {
    const out: Record<string, unknown> = { name, in: where, required, schema };
    if (typeof schema === 'object' && typeof schema.description === 'string') {
      out.description = schema.description;
    }
    return out;
  };
  const out: unknown[] = [];
  const path = objectSchema('params');
  for (const segment of route.segments) {
    if (!segment.param) continue;
    out.push(
      parameter(segment.name, 'path', true, path.properties?.[segment.name] ?? { type: 'string' }),
    );
  }
  for (const [key, where] of [
    ['query', 'query'],
    ['headers', 'header'],
  ] as const) {
    if (request?.[key] === undefined) continue;
    const json = objectSchema(key);
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push(parameter(name, where, json.required?.includes(name) ?? false, property));
    }
  }
  return out;
}
