// The content-security-policy the docs routes send. Every source is the page's
// own origin; the only other thing allowed is `data:` images, which Swagger
// UI's stylesheet uses for its icons (background-image: url("data:image/svg+xml,...")).

/** The policy `docsRoutes()` sends with the page and its assets, unless `csp` replaces it. */
export const DOCS_CSP: string = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
