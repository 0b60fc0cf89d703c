import {
  type AnyRoute,
  type Exchange,
  HttpException,
  type Match,
  type NeutralRequest,
  Router,
  type Statuskit,
  splitUrl,
} from '@statuskit/core';

const routers = new WeakMap<Statuskit, Router>();
const stand = new WeakMap<AnyRoute, Map<string, AnyRoute>>();

// The route with its handler replaced by the parser's refusal; without its body schema when
// the body is gone (the parser read it and kept nothing), so the core asks for none.
function standIn(route: AnyRoute, status: number, bodyKnown: boolean): AnyRoute {
  let byKey = stand.get(route);
  if (byKey === undefined) stand.set(route, (byKey = new Map()));
  const key = `${status} ${bodyKnown}`;
  let out = byKey.get(key);
  if (out === undefined) {
    const { body: _, ...rest } = route.spec.request ?? {};
    const spec = bodyKnown ? route.spec : { ...route.spec, request: rest };
    const handler = (): never => {
      throw new HttpException(status);
    };
    out = { ...route, spec, handler };
    byKey.set(key, out);
  }
  return out;
}

/**
 * The core's answer to a request whose body a middleware before statuskit refused
 * (@koa/bodyparser): 404, 405 and redirects as always, then the route's own validation
 * and body reading (413, 415, 422); where its handler would run, `status`, the parser's
 * refusal. The handler never runs from the error path: the middleware between the parser
 * and statuskit (authentication, ...) did not run either.
 */
export function refuse(kit: Statuskit, request: NeutralRequest, status: number): Promise<Exchange> {
  let router = routers.get(kit);
  if (router === undefined) routers.set(kit, (router = new Router(kit.routes)));
  const { path, query } = splitUrl(request.url);
  let match: Match;
  try {
    match = router.match(request.method, path, query, kit.options.redirectSlashes);
  } catch {
    // The core's own handle() answers whatever its router cannot.
    return kit.handle(request);
  }
  if (match.kind !== 'route') return kit.handle(request);
  const route = standIn(match.route, status, request.body.kind !== 'none');
  return kit.handleRoute(route, match.params, request);
}
