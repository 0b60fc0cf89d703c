import { type AnyRoute, defineRoute, defineSecurity, forbidden } from '@statuskit/core';
import type { Store } from './store.js';

// A guarded route, so /docs has a real Authorize button: a bearer token the
// guard checks before the handler runs (FastAPI's `Security(HTTPBearer())` in
// spirit). The tokens are the example's own; a real app looks them up.

/** Who a token belongs to. */
export interface Staff {
  readonly name: string;
  readonly admin: boolean;
}

/** The example's tokens: `admin-token` may read the stats, `staff-token` may not (403). */
export const TOKENS: Readonly<Record<string, Staff>> = {
  'admin-token': { name: 'ada', admin: true },
  'staff-token': { name: 'sam', admin: false },
};

/** `authorization: Bearer <token>`; what it returns is the handler's `ctx.auth`. */
export const bearer = defineSecurity({
  name: 'bearerAuth',
  scheme: {
    type: 'http',
    scheme: 'bearer',
    description: 'Try `admin-token` (or `staff-token`: 403).',
  },
  verify: (token) => {
    const staff = TOKENS[token];
    if (staff === undefined) return undefined;
    return staff.admin ? staff : forbidden('Admins only');
  },
});

/** `GET /admin/stats`: 401 without a valid token, 403 for staff, 200 for an admin. */
export function adminRoutes(store: Store): AnyRoute[] {
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/admin/stats',
        summary: 'Store statistics (admins only)',
        tags: ['admin'],
        security: bearer,
        responses: { 403: 'Admins only' },
      },
      ({ auth }) => ({ items: store.items.size, tasks: store.tasks.length, by: auth.name }),
    ),
  ];
}
