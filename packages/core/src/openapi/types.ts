import type { ErrorFormat } from '../error-format.js';
import type { PolicyInput } from '../policy.js';
import type { AnyRoute, SecurityRequirement } from '../route.js';
import type { Schema } from '../schema.js';

/** A JSON Schema object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = { readonly [key: string]: unknown } | boolean;

/** OpenAPI's `info`: who publishes the API, under which terms. */
export interface OpenApiInfo {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  /** `identifier` is an SPDX expression (`MIT`); give it or `url`, not both. */
  license?: { name: string; identifier?: string; url?: string };
}

/** A server the API is reachable at: `{ url: 'https://api.example.com/v1' }`. */
export interface OpenApiServer {
  url: string;
  description?: string;
  variables?: Readonly<
    Record<string, { default: string; enum?: readonly string[]; description?: string }>
  >;
}

/** A link to documentation outside the document. */
export interface OpenApiExternalDocs {
  url: string;
  description?: string;
}

/** A tag with its description, listed at the top of the document in this order. */
export interface OpenApiTag {
  name: string;
  description?: string;
  externalDocs?: OpenApiExternalDocs;
}

/** One OAuth 2 flow: its URLs and the scopes it grants, scope name to description. */
export interface OAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Readonly<Record<string, string>>;
}

/** A security scheme, as OpenAPI 3.1 writes it under `components.securitySchemes`. */
export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string }
  | {
      type: 'oauth2';
      flows: {
        implicit?: OAuthFlow;
        password?: OAuthFlow;
        clientCredentials?: OAuthFlow;
        authorizationCode?: OAuthFlow;
      };
      description?: string;
    }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }
  | { type: 'mutualTLS'; description?: string };

/** Options of {@link toOpenApi}. */
export interface OpenApiOptions {
  info?: OpenApiInfo;
  servers?: readonly OpenApiServer[];
  /** Tags with descriptions; tags routes use but this list lacks are appended by name. */
  tags?: readonly OpenApiTag[];
  externalDocs?: OpenApiExternalDocs;
  /** Schemes routes may require, by name: `{ bearer: { type: 'http', scheme: 'bearer' } }`. */
  securitySchemes?: Readonly<Record<string, SecurityScheme>>;
  /** What every route requires unless its own `security` says otherwise. */
  security?: readonly SecurityRequirement[];
  /** The policy the app runs with; decides the success status of undeclared routes. */
  policy?: PolicyInput;
  /** The app's error format: 'problem' documents errors as `application/problem+json`. */
  errorFormat?: ErrorFormat;
  /** The app's `handlerTimeout`: every route then documents 503 with `retry-after`. */
  handlerTimeout?: number | undefined;
  /**
   * Turns a schema into JSON Schema when it does not implement the Standard
   * JSON Schema interface itself (e.g. valibot through `@valibot/to-json-schema`).
   */
  jsonSchema?: (schema: Schema, io: 'input' | 'output') => JsonSchema | undefined;
}

/** What {@link toOpenApi} reads of an app (a `Statuskit`): its routes and its options. */
export interface OpenApiApp {
  readonly routes: readonly AnyRoute[];
  readonly options: {
    readonly policy?: PolicyInput;
    readonly errorFormat?: ErrorFormat;
    readonly handlerTimeout?: number | undefined;
  };
}

/** An OpenAPI 3.1 document as plain data. */
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: OpenApiInfo;
  servers?: OpenApiServer[];
  security?: SecurityRequirement[];
  tags?: OpenApiTag[];
  externalDocs?: OpenApiExternalDocs;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
};
