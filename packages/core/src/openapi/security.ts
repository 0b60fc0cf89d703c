import { describeValue, ErrorCode, StatuskitError } from '../errors.js';
import type { SecurityRequirement } from '../route.js';
import type { SecurityScheme } from './types.js';

/** An error status a route's security adds to its responses. */
export interface SecurityStatus {
  readonly status: '401' | '403';
  readonly description: string;
  /** For 401: the `www-authenticate` challenges the schemes call for (`Bearer`, `Basic`). */
  readonly challenges?: readonly string[];
}

/** Refuses a requirement that names a scheme `securitySchemes` does not define. */
export function checkRequirements(
  requirements: readonly SecurityRequirement[] | undefined,
  schemes: Readonly<Record<string, SecurityScheme>> | undefined,
  where: string,
): void {
  for (const requirement of requirements ?? []) {
    for (const name of Object.keys(requirement)) {
      if (schemes?.[name] !== undefined) continue;
      throw new StatuskitError(
        ErrorCode.INVALID_OPTION,
        `toOpenApi: ${where} requires security scheme ${describeValue(name)}, which securitySchemes does not define; add it to toOpenApi's securitySchemes.`,
      );
    }
  }
}

function challenge(scheme: SecurityScheme): string | undefined {
  if (scheme.type === 'http') {
    const name = scheme.scheme.toLowerCase();
    return name === 'bearer' ? 'Bearer' : name === 'basic' ? 'Basic' : scheme.scheme;
  }
  // RFC 6750: OAuth 2 access tokens (and OpenID Connect's) are bearer tokens.
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'Bearer';
  return undefined;
}

/**
 * The statuses a route's security adds: 401 (with the challenges for
 * `www-authenticate`) when every alternative needs credentials, and 403 when
 * one asks for scopes (the credentials may lack them). A requirement list
 * that allows anonymous access (`{}`) adds nothing.
 */
export function securityStatuses(
  requirements: readonly SecurityRequirement[] | undefined,
  schemes: Readonly<Record<string, SecurityScheme>> | undefined,
): SecurityStatus[] {
  if (requirements === undefined || requirements.length === 0) return [];
  if (requirements.some((r) => Object.keys(r).length === 0)) return [];
  const challenges = new Set<string>();
  let scoped = false;
  for (const requirement of requirements) {
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = schemes?.[name];
      const c = scheme === undefined ? undefined : challenge(scheme);
      if (c !== undefined) challenges.add(c);
      if (scopes.length > 0) scoped = true;
    }
  }
  const out: SecurityStatus[] = [
    { status: '401', description: 'Not authenticated', challenges: [...challenges] },
  ];
  if (scoped) out.push({ status: '403', description: 'Not enough permissions' });
  return out;
}
