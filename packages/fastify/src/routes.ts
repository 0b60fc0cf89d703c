import type { AnyRoute, Statuskit } from '@statuskit/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { toNeutral } from './request.js';
import { type Mount, serve } from './response.js';

/** A Fastify route handler that returns nothing for Fastify to send (the reply is written). */
type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<void> | undefined;

/** The kit's routes that share one path shape (`/items/{}`), by method. */
interface Shape {
  /** The first route's path: where the shape's other methods are registered. */
  readonly path: string;
  readonly routes: Map<string, AnyRoute>;
  /** Another template can match the same requests: the core picks by declaration order. */
  ambiguous: boolean;
}

const shapeKey = (route: AnyRoute): string =>
  route.segments.map((s) => (s.param ? '{}' : s.text)).join('/');

// Two templates of the same length that some path matches both (`/a/{x}` and `/{y}/b`).
function overlap(a: AnyRoute, b: AnyRoute): boolean {
  if (a.segments.length !== b.segments.length) return false;
  return a.segments.every((s, i) => {
    const t = b.segments[i]!;
    return s.param || t.param || s.text === t.text;
  });
}

function shapesOf(routes: readonly AnyRoute[]): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const route of routes) {
    const key = shapeKey(route);
    let shape = shapes.get(key);
    if (shape === undefined) {
      shape = { path: route.path, routes: new Map(), ambiguous: false };
      shapes.set(key, shape);
    }
    shape.routes.set(route.method, route);
  }
  const templates = [...shapes.values()].filter((s) =>
    [...s.routes.values()][0]!.segments.some((seg) => seg.param),
  );
  for (const a of templates) {
    for (const b of templates) {
      if (a !== b && overlap(a.routes.values().next().value!, b.routes.values().next().value!)) {
        a.ambiguous = true;
      }
    }
  }
  return shapes;
}

/**
 * `/items/{id}` in Fastify's syntax. The core serves no empty parameter; a
 * plain `:id` would match `/items/` (id `""`) and take the request, body
 * parser included, from the app's not-found handler, so each parameter
 * requires one character at least.
 */
const fastifyPath = (path: string): string =>
  path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1(^.+$)');

/** How the kit's routes are served in one Fastify context. */
export interface KitRouting {
  /** The plugin's prefix, taken off the URL the core sees (`register(statuskit, { prefix })`). */
  readonly prefix: string;
  /**
   * Fastify's router is configured as the core routes (case-sensitive, no
   * trailing-slash or duplicate-slash folding): its match and params are
   * used as they are. Otherwise every request is routed again by the core.
   */
  readonly exact: boolean;
  /** Fastify's `ignoreTrailingSlash` is on: it serves both forms of every path itself. */
  readonly foldsTrailingSlash: boolean;
}

/**
 * Registers the kit's routes in Fastify's own router (one lookup per
 * request): each route for its method, HEAD for each GET, every other method
 * of each path (the core's 405 with `allow`), and the trailing-slash
 * alternate of each path (the core's 307). A request the core turns out not
 * to own (a target Fastify reads differently, with a "#") goes to the
 * app's not-found handler, as if statuskit were not mounted.
 */
export function registerRoutes(scope: FastifyInstance, kit: Statuskit, routing: KitRouting): void {
  const shapes = shapesOf(kit.routes);
  // What Fastify routes plus the kit's own methods (a PURGE route needs Fastify to know PURGE).
  const methods = new Set<string>(scope.supportedMethods);
  for (const route of kit.routes) {
    if (!methods.has(route.method)) {
      scope.addHttpMethod(route.method, { hasBody: true });
      methods.add(route.method);
    }
  }
  const mount: Mount = { prefix: routing.prefix };
  const byCore: Handler = (req, reply) => {
    const pending = kit.claim(toNeutral(req, reply, undefined, mount));
    if (pending === undefined) return void reply.callNotFound();
    return serve(reply, pending, mount);
  };
  const direct =
    (route: AnyRoute): Handler =>
    (req, reply) => {
      // Where Fastify's reading of the target differs from the core's (it cuts at "#"), the core routes.
      if (req.raw.url?.includes('#')) return byCore(req, reply);
      const params = req.params as Record<string, string>;
      return serve(
        reply,
        kit.handleRoute(route, params, toNeutral(req, reply, undefined, mount)),
        mount,
      );
    };
  const add = (method: string | string[], path: string, handler: Handler): void => {
    scope.route({
      method: method as HTTPMethods[],
      url: fastifyPath(path),
      exposeHeadRoute: false,
      handler,
    });
  };

  for (const shape of shapes.values()) {
    const rest: string[] = [];
    for (const method of methods) {
      const route =
        shape.routes.get(method) ?? (method === 'HEAD' ? shape.routes.get('GET') : undefined);
      if (route === undefined) rest.push(method);
      else add(method, route.path, routing.exact && !shape.ambiguous ? direct(route) : byCore);
    }
    if (rest.length > 0) add(rest, shape.path, byCore);
  }
  // The trailing-slash alternates, unless another route of the kit has that path (or Fastify
  // folds trailing slashes itself, and would refuse the second registration).
  if (!kit.options.redirectSlashes || routing.foldsTrailingSlash) return;
  for (const [key, shape] of shapes) {
    if (key === '') continue;
    const other = key.endsWith('/') ? key.slice(0, -1) : `${key}/`;
    if (shapes.has(other)) continue;
    add(
      [...methods],
      shape.path.endsWith('/') ? shape.path.slice(0, -1) : `${shape.path}/`,
      byCore,
    );
  }
}
