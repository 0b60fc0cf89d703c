// A route's path template, FastAPI's spelling: `/items/{id}`. Parsed once at
// start-up into segments the router and the types read.
import { describeValue, ErrorCode, StatuskitError } from './errors.js';
import type { PathSegment } from './route.js';

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

function invalid(id: string, message: string): StatuskitError {
  return new StatuskitError(ErrorCode.INVALID_ROUTE, `route ${id}: ${message}`);
}

/** Parses `/items/{id}` into segments; throws STATUSKIT_INVALID_ROUTE on a malformed template. */
export function parsePath(path: string, id: string): PathSegment[] {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw invalid(id, `path ${describeValue(path)} must start with "/".`);
  }
  const seen = new Set<string>();
  return path
    .slice(1)
    .split('/')
    .map((text): PathSegment => {
      const param = PARAM.exec(text);
      if (param) {
        const name = param[1]!;
        if (seen.has(name)) throw invalid(id, `parameter {${name}} appears twice in the path.`);
        seen.add(name);
        return { param: true, name };
      }
      if (text.includes('{') || text.includes('}')) {
        throw invalid(id, `segment ${describeValue(text)} is not a parameter; write it as {name}.`);
      }
      return { param: false, text };
    });
}
