// @statuskit/docs: `/openapi.json` and a Swagger UI page at `/docs`, as plain
// statuskit routes, so every adapter serves them with no code of its own.
import {
  type AnyRoute,
  bytes,
  defineRoute,
  ErrorCode,
  empty,
  html,
  type OpenApiApp,
  type OpenApiDocument,
  type OpenApiOptions,
  StatuskitError,
  toOpenApi,
} from '@statuskit/core';
import { type Asset, asset, swaggerUiFiles } from './assets.js';
import { DOCS_CSP } from './csp.js';
import { initializerJs, PAGE_CSS, pageHtml, relativeUrl, type SwaggerUiOptions } from './page.js';

export { DOCS_CSP } from './csp.js';
export type { SwaggerUiOptions } from './page.js';

/** Options of {@link docsRoutes}. */
export interface DocsOptions {
  /**
   * Serve anything at all; default true. Documented use: keep the docs out of
   * production with `enabled: process.env.NODE_ENV !== 'production'`.
   */
  enabled?: boolean;
  /** Where the document is served; default `/openapi.json`. */
  openapiPath?: string;
  /** Where the page is served (its files go under it); default `/docs`; `false`: no page. */
  docsPath?: string | false;
  /** The page's `<title>`; default the document's `info.title`. */
  title?: string;
  /** Passed to `toOpenApi` (info, servers, tags, securitySchemes, ...). */
  openapi?: OpenApiOptions;
  /** Swagger UI settings (docExpansion, persistAuthorization, ...). */
  swaggerUi?: SwaggerUiOptions;
  /** The content-security-policy the docs routes send; default {@link DOCS_CSP}; `false`: none. */
  csp?: string | false;
}

const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page and the document change when the app does: always revalidated.
const REVALIDATE = 'no-cache';

function checkPath(name: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    !PATH.test(value) ||
    value.includes('{') ||
    value.endsWith('/')
  ) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `docsRoutes: ${name} ${JSON.stringify(value) ?? String(value)} must be a path such as '/docs', starting with '/' and not ending with one.`,
    );
  }
  return value;
}

function headersFor(
  csp: string | false,
  cacheControl: string,
  etag?: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  };
  if (csp !== false) headers['content-security-policy'] = csp;
  if (etag !== undefined) headers.etag = etag;
  return headers;
}

// True when the client's cached copy is this one (RFC 9110 13.1.2, weak comparison).
function fresh(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  if (value === undefined) return false;
  return value.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * The routes that serve the app's OpenAPI document and a Swagger UI page for
 * it: add them to the app's own. The document is generated here, once, from
 * `source` (the routes, or `{ routes, options }` to take the app's policy and
 * error format): a bad declaration fails at start-up. The page and its files
 * (Swagger UI from swagger-ui-dist, shipped inside this package) are served
 * from the same origin with a strict content-security-policy ({@link DOCS_CSP});
 * the page makes no request to any other origin. The docs routes are not in
 * the document.
 *
 * @example
 * const routes = [getItem, createItem];
 * const kit = createStatuskit([
 *   ...routes,
 *   ...docsRoutes(routes, {
 *     openapi: { info: { title: 'Shop', version: '1.0.0' } },
 *     enabled: process.env.NODE_ENV !== 'production',
 *   }),
 * ]);
 */
export function docsRoutes(
  source: readonly AnyRoute[] | OpenApiApp,
  options: DocsOptions = {},
): AnyRoute[] {
  if (options.enabled === false) return [];
  const openapiPath = checkPath('openapiPath', options.openapiPath ?? '/openapi.json');
  const document: OpenApiDocument = toOpenApi(source, options.openapi);
  const csp = options.csp ?? DOCS_CSP;
  // Serialised once: every request gets the same bytes.
  const body = new TextEncoder().encode(JSON.stringify(document));
  const routes: AnyRoute[] = [
    defineRoute({ method: 'GET', path: openapiPath, summary: 'The OpenAPI document' }, () =>
      bytes(body, { contentType: 'application/json', headers: headersFor(csp, REVALIDATE) }),
    ),
  ];
  if (options.docsPath === false) return routes;
  const docsPath = checkPath('docsPath', options.docsPath ?? '/docs');
  if (docsPath === openapiPath) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `docsRoutes: docsPath and openapiPath are both ${docsPath}; give the page its own path.`,
    );
  }
  const ui = swaggerUiFiles();
  const files: Asset[] = [
    ui.bundle,
    ui.css,
    ui.icon,
    asset('statuskit-docs.css', 'text/css; charset=utf-8', new TextEncoder().encode(PAGE_CSS)),
  ];
  const init = asset(
    'swagger-initializer.js',
    'text/javascript; charset=utf-8',
    new TextEncoder().encode(
      initializerJs(relativeUrl(docsPath, openapiPath), options.swaggerUi ?? {}),
    ),
  );
  files.push(init);
  const link = (file: Asset) =>
    `${relativeUrl(docsPath, `${docsPath}/${file.name}`)}?v=${file.hash}`;
  const page = pageHtml(options.title ?? document.info.title, {
    bundle: link(ui.bundle),
    css: link(ui.css),
    icon: link(ui.icon),
    pageCss: link(files[3]!),
    init: link(init),
  });
  routes.push(
    defineRoute({ method: 'GET', path: docsPath, summary: 'API docs (Swagger UI)' }, () =>
      html(page, { headers: { ...headersFor(csp, REVALIDATE), 'referrer-policy': 'no-referrer' } }),
    ),
  );
  for (const file of files) {
    const etag = `"${file.hash}"`;
    routes.push(
      defineRoute(
        { method: 'GET', path: `${docsPath}/${file.name}`, responses: { 304: 'Not Modified' } },
        ({ headers }) =>
          fresh(headers['if-none-match'], etag)
            ? empty(304, { headers: headersFor(csp, IMMUTABLE, etag) })
            : bytes(file.bytes, {
                contentType: file.contentType,
                headers: headersFor(csp, IMMUTABLE, etag),
              }),
      ),
    );
  }
  return routes;
}

/** The version of Swagger UI (swagger-ui-dist) the page serves. */
export function swaggerUiVersion(): string {
  return swaggerUiFiles().version;
}
