/**
 * The error a bare app throws to answer 4xx/5xx, as http-errors makes them:
 * `status`/`statusCode` are what Express, Koa and Fastify error handling read.
 * Unlike statuskit's HttpException it captures a stack, as idiomatic code does.
 */
export class HttpError extends Error {
  /** The status the client gets. */
  readonly status: number;
  /** Fastify reads `statusCode`. */
  readonly statusCode: number;
  /** Koa's onerror and our handlers send the message only when this is set. */
  readonly expose: boolean;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.statusCode = status;
    this.expose = status < 500;
  }
}
