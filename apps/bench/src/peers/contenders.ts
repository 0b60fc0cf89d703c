/** Who runs a contender's server: Node on dist/servers/peers/<id>.js, or Python. */
export type Runtime = 'node' | 'python';

/** One server of the peers phase. */
export interface Contender {
  /** Its id on the command line (`--peers`) and in the JSON. */
  readonly id: string;
  /** Its name in the report. */
  readonly title: string;
  readonly runtime: Runtime;
  /** statuskit on an adapter, or what a user would pick instead. */
  readonly statuskit: boolean;
  /** What a user gets with it besides the figures: the "what to choose when" reading. */
  readonly choose: string;
}

/** The contender every ratio divides by: statuskit on Fastify. */
export const REFERENCE = 'statuskit-fastify';

/** Every contender, in report order (the reference first). */
export const CONTENDERS: readonly Contender[] = [
  {
    id: REFERENCE,
    title: 'statuskit on Fastify',
    runtime: 'node',
    statuskit: true,
    choose:
      "FastAPI's status contract on Fastify: declared success statuses, `HttpException`, 422 validation answers and 404/405/415 decided by the core, the same answers on every adapter.",
  },
  {
    id: 'statuskit-express',
    title: 'statuskit on Express',
    runtime: 'node',
    statuskit: true,
    choose:
      'The same kit inside an existing Express app; Express itself sets the floor of its cost.',
  },
  {
    id: 'statuskit-koa',
    title: 'statuskit on Koa',
    runtime: 'node',
    statuskit: true,
    choose: 'The same kit inside an existing Koa app.',
  },
  {
    id: 'fastify-zod',
    title: 'Fastify + fastify-type-provider-zod',
    runtime: 'node',
    statuskit: false,
    choose:
      'Hand-written Fastify routes with zod types: the status codes, error bodies and their OpenAPI entries are yours to write and keep consistent.',
  },
  {
    id: 'fastify-json-schema',
    title: 'bare Fastify, JSON schema',
    runtime: 'node',
    statuskit: false,
    choose:
      "Fastify's own Ajv validation with hand-written JSON schemas: no zod, no inferred types unless you add a type provider; statuses by hand.",
  },
  {
    id: 'hono',
    title: 'Hono + zod-openapi (node-server)',
    runtime: 'node',
    statuskit: false,
    choose:
      "Runs on Workers, Bun and Deno as well as Node; on Node every request goes through @hono/node-server's translation to a web Request and back.",
  },
  {
    id: 'nestjs',
    title: 'NestJS 12 (Fastify)',
    runtime: 'node',
    statuskit: false,
    choose:
      'A whole application framework (modules, dependency injection, guards, interceptors) on top of Fastify; you pay for its request pipeline on every route.',
  },
  {
    id: 'fastapi',
    title: 'FastAPI (uvicorn)',
    runtime: 'python',
    statuskit: false,
    choose:
      'The original, in Python: choose it when the service is Python anyway; statuskit follows its status semantics on Node.',
  },
];

/** The ids `--peers` accepts. */
export const CONTENDER_IDS: readonly string[] = CONTENDERS.map((c) => c.id);

/** The role of the A/A control: a second process of the reference. */
export const CONTROL = `${REFERENCE}-aa`;
