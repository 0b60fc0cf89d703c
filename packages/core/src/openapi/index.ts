import { contractOf } from '../contract/contract.js';
import type { AnyRoute } from '../route.js';
import { requirementsOf, schemesOf } from '../security/openapi.js';
import { registerBuiltins } from './builtins.js';
import { Components } from './components.js';
import { Models } from './models.js';
import { operationIds, parameters, pascalCase } from './operation.js';
import { buildResponses } from './responses.js';
import { checkRequirements, securityStatuses } from './security.js';
import type { OpenApiApp, OpenApiDocument, OpenApiOptions, OpenApiTag } from './types.js';

export type {
  JsonSchema,
  OAuthFlow,
  OpenApiApp,
  OpenApiDocument,
  OpenApiExternalDocs,
  OpenApiInfo,
  OpenApiOptions,
  OpenApiServer,
  OpenApiTag,
  SecurityScheme,
} from './types.js';

function topLevelTags(routes: readonly AnyRoute[], declared: readonly OpenApiTag[]): OpenApiTag[] {
  const tags = declared.map((tag) => ({ ...tag }));
  const known = new Set(tags.map((tag) => tag.name));
  for (const route of routes) {
    for (const name of route.spec.tags ?? []) {
      if (!known.has(name)) tags.push({ name });
      known.add(name);
    }
  }
  return tags;
}

/**
 * Generates an OpenAPI 3.1 document that lists every status each route can
 * answer, with the headers the core sends with it. Named models (zod
 * `.meta({ id })`, valibot global definitions) and recursive ones go to
 * `components.schemas`; only the schemas the document uses are emitted.
 * Pass the app (`toOpenApi(kit, { info })`) and its policy, error format and
 * handler timeout are taken from it; options win over the app's.
 */
export function toOpenApi(
  source: readonly AnyRoute[] | OpenApiApp,
  options: OpenApiOptions = {},
): OpenApiDocument {
  const app = Array.isArray(source) ? undefined : (source as OpenApiApp);
  const routes = app?.routes ?? (source as readonly AnyRoute[]);
  const errorFormat = options.errorFormat ?? app?.options.errorFormat ?? 'detail';
  const policy = options.policy ?? app?.options.policy;
  const handlerTimeout =
    'handlerTimeout' in options ? options.handlerTimeout : app?.options.handlerTimeout;
  const schemes = schemesOf(routes, options.securitySchemes);
  checkRequirements(options.security, schemes, 'the global security');
  const components = new Components();
  registerBuiltins(components);
  const models = new Models(components, options);
  const ids = operationIds(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  routes.forEach((route, i) => {
    const spec = route.spec;
    const security = requirementsOf(spec.security);
    checkRequirements(security, schemes, `route ${route.id}`);
    const operationId = ids[i]!;
    const hint = pascalCase(operationId);
    const operation: Record<string, unknown> = {};
    if (spec.tags !== undefined) operation.tags = [...spec.tags];
    if (spec.summary !== undefined) operation.summary = spec.summary;
    if (spec.description !== undefined) operation.description = spec.description;
    operation.operationId = operationId;
    if (spec.deprecated) operation.deprecated = true;
    if (security !== undefined) operation.security = security.map((r) => ({ ...r }));
    const params = parameters(route, models, hint);
    if (params.length > 0) operation.parameters = params;
    if (spec.request?.body !== undefined) {
      const schema = models.schema(spec.request.body, 'input', `${hint}Body`, `${route.id} body`);
      operation.requestBody = { required: true, content: { 'application/json': { schema } } };
    }
    operation.responses = buildResponses(route, {
      models,
      errorFormat,
      contract: contractOf(route, { policy, handlerTimeout }),
      security: securityStatuses(security ?? options.security, schemes),
      hint,
    });
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  });
  const finished = components.finish(paths);
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: options.info ?? { title: 'statuskit app', version: '0.0.0' },
    paths: finished.parts,
    components: { schemas: finished.schemas },
  };
  if (options.servers !== undefined) doc.servers = options.servers.map((s) => ({ ...s }));
  if (options.security !== undefined) doc.security = options.security.map((r) => ({ ...r }));
  const tags = topLevelTags(routes, options.tags ?? []);
  if (tags.length > 0) doc.tags = tags;
  if (options.externalDocs !== undefined) doc.externalDocs = { ...options.externalDocs };
  if (schemes !== undefined) doc.components.securitySchemes = { ...schemes };
  return doc;
}
