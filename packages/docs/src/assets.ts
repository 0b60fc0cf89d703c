// The Swagger UI files, read once from vendor/swagger-ui/ (copied from
// swagger-ui-dist at build time by scripts/vendor.mjs) with a content hash
// each, so their URLs change when they do and can be cached for a year.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCode, StatuskitError } from '@statuskit/core';

/** One file the docs page loads. */
export interface Asset {
  /** File name, also the last segment of its URL. */
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** First 16 hex digits of the SHA-256 of the bytes: the URL's `?v=` and the ETag. */
  readonly hash: string;
}

// vendor/ sits beside src/ and dist/, so the same URL works from both.
const VENDOR = new URL('../vendor/swagger-ui/', import.meta.url);

/** A file made from bytes: its content type and content hash. */
export function asset(name: string, contentType: string, bytes: Uint8Array): Asset {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { name, contentType, bytes, hash };
}

function vendored(name: string, contentType: string): Asset {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(new URL(name, VENDOR));
  } catch (error) {
    throw new StatuskitError(
      ErrorCode.INVALID_OPTION,
      `@statuskit/docs: cannot read ${name} from ${VENDOR.pathname}; reinstall @statuskit/docs (in its repository: pnpm build).`,
      { cause: error },
    );
  }
  return asset(name, contentType, bytes);
}

/** The vendored Swagger UI: script, stylesheet, icon, and the version they came from. */
export interface SwaggerUiFiles {
  readonly bundle: Asset;
  readonly css: Asset;
  readonly icon: Asset;
  readonly version: string;
}

let cached: SwaggerUiFiles | undefined;

/** Reads the Swagger UI files once per process. */
export function swaggerUiFiles(): SwaggerUiFiles {
  if (cached === undefined) {
    const versionFile = vendored('version.json', 'application/json');
    const version = JSON.parse(new TextDecoder().decode(versionFile.bytes))['swagger-ui-dist'];
    cached = {
      bundle: vendored('swagger-ui-bundle.js', 'text/javascript; charset=utf-8'),
      css: vendored('swagger-ui.css', 'text/css; charset=utf-8'),
      icon: vendored('favicon-32x32.png', 'image/png'),
      version: String(version),
    };
  }
  return cached;
}
