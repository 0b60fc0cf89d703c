// Reading an answer: no body for HEAD, 204, 205 and 304 (and an empty one is
// `undefined`, never a JSON parse of nothing); JSON by its content type;
// text as a string; anything else as bytes.
import type { AnswerHeaders, Bodiless } from './answers.js';
import { ClientError } from './errors.js';

/** The parts of a fetch `Response` the client reads. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: AnswerHeaders;
  arrayBuffer(): Promise<ArrayBuffer>;
  readonly body?: { cancel(): Promise<void> } | null;
}

// No DOM types here: the one global the client reads besides fetch.
declare const TextDecoder: new () => { decode(input: Uint8Array): string };

const BODILESS: ReadonlySet<number> = new Set<Bodiless>([204, 205, 304]);

/** True for `application/json` and `application/<anything>+json`. */
export function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** The body of an answer, read as its status, method and content type say. */
export async function readBody(
  response: FetchResponseLike,
  head: boolean,
  route: string,
): Promise<unknown> {
  if (head || BODILESS.has(response.status)) {
    // Nothing to read: release the connection rather than wait for a body that is not there.
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const contentType = response.headers.get('content-type');
  if (isJson(contentType)) {
    const text = new TextDecoder().decode(bytes);
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ClientError(
        'STATUSKIT_CLIENT_INVALID_JSON',
        `${route} answered ${response.status} with ${contentType}, but its body is not JSON: ${text.slice(0, 80)}`,
        { cause },
      );
    }
  }
  if (contentType?.toLowerCase().startsWith('text/')) return new TextDecoder().decode(bytes);
  return bytes;
}
