import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { MAX_REQUEST_BODY_BYTES } from '../config/index.js';
import type { RequestContext } from '../context/index.js';
import type { HttpRequest, HttpStep } from './middleware/index.js';
import { GRAPHQL_PATH } from './protocol.js';

/**
 * The GraphQL endpoint's common request — POST, a JSON body of known length — answered without
 * Express: the same steps (logging, headers, CORS, authentication, limits, rate) run in the same
 * order on Node's own request and response, the body is read as express.json() reads it, and Apollo
 * answers through `executeHTTPGraphQLRequest`, as its Express integration calls it. Express's router,
 * its request and response decorations, body-parser and the integration were about 13 % of the
 * server's CPU on a light query (docs/benchmarks.md). Anything else on the path (GET, OPTIONS, another
 * media type or charset, a compressed, chunked, empty or oversized body, a query string) goes to
 * Express, the reference path (`HTTP_PIPELINE=express` sends everything there; a differential test
 * compares the two on the same requests).
 */
export interface DirectGraphQLOptions {
  /** Run before the body is read, in order (Express runs the same before its JSON parser). */
  beforeBody: HttpStep[];
  /** Run after the body is read, in order. */
  afterBody: HttpStep[];
  apollo: ApolloServer<RequestContext>;
  contextFor: (req: HttpRequest) => Promise<RequestContext>;
  /** Answers an error from a step or the body, as Express's error handler does. */
  onError: (error: unknown, req: HttpRequest, res: ServerResponse) => void;
}

/** The media type express.json() parses, `application/json` in any case, with no charset parameter or UTF-8's. */
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset=(?:utf-8|"utf-8")[ \t]*)?$/i;
const CONTENT_LENGTH = /^[0-9]{1,9}$/;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** A lowercase media type whose one parameter is charset=utf-8, as Express's `res.send` would write it. */
const UTF8_MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+; charset=utf-8$/;

/**
 * Whether the direct path carries a request: POST to the endpoint itself (no query string), a JSON
 * body of a stated length (1 byte to the limit; a longer one goes to Express, which refuses it, 413),
 * neither compressed nor in another charset.
 */
export function carriedDirectly(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method !== 'POST' || url !== GRAPHQL_PATH) return false;
  const type = headers['content-type'];
  const length = headers['content-length'];
  if (type === undefined || !JSON_CONTENT_TYPE.test(type)) return false;
  if (length === undefined || !CONTENT_LENGTH.test(length) || headers['transfer-encoding'] !== undefined) return false;
  const bytes = Number(length);
  if (bytes === 0 || bytes > MAX_REQUEST_BODY_BYTES) return false;
  const encoding = headers['content-encoding'];
  return encoding === undefined || encoding.toLowerCase() === 'identity';
}

/** Returns a handler that answers the request and says true, or says false and leaves it untouched. */
export function directGraphQLHandler(options: DirectGraphQLOptions): (req: HttpRequest, res: ServerResponse) => boolean {
  const { beforeBody, afterBody, apollo, contextFor, onError } = options;
  return (req, res) => {
    if (!carriedDirectly(req.method, req.url, req.headers)) return false;
    const bytes = Number(req.headers['content-length']);
    const fail = (error: unknown) => {
      if (!res.headersSent) onError(error, req, res);
      // Mid-answer there is no error to send: the connection is cut, never left hanging.
      else res.destroy();
    };
    runSteps(beforeBody, req, res, () => {
      readJsonBody(req, bytes).then((body) => {
        req.body = body;
        runSteps(afterBody, req, res, () => {
          answer(apollo, req, res, contextFor).catch(fail);
        }, fail);
      }, fail);
    }, fail);
    return true;
  };
}

/** Runs steps in order as Express would: each calls `next` to go on, or answers; a throw or rejection fails the request. */
function runSteps(steps: readonly HttpStep[], req: HttpRequest, res: ServerResponse, done: () => void, fail: (error: unknown) => void): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined) return fail(error);
    const step = steps[index++];
    if (step === undefined) return done();
    try {
      const result = step(req, res, next);
      if (result instanceof Promise) result.catch(fail);
    } catch (thrown) {
      fail(thrown);
    }
  };
  next();
}

/** Errors shaped as body-parser's, so the error handler answers them with the same status and words. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * The body as express.json() with useJsonBody's check reads it: bytes that must be UTF-8, a byte-order
 * mark dropped (iconv-lite's decoding does), strict JSON (an object or an array at the top).
 */
function readJsonBody(req: HttpRequest, bytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.on('error', (error) => reject(bodyError(400, 'request.aborted', error.message)));
    req.on('aborted', () => reject(bodyError(400, 'request.aborted', 'request aborted')));
    req.on('end', () => {
      if (received !== bytes) return reject(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
      const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      if (!isUtf8(buffer)) return reject(bodyError(400, 'encoding.invalid', 'Request body is not valid UTF-8.'));
      const start = buffer[0] === UTF8_BOM[0] && buffer[1] === UTF8_BOM[1] && buffer[2] === UTF8_BOM[2] ? 3 : 0;
      const text = buffer.toString('utf8', start);
      if (text.length === 0) return resolve({});
      const first = /^[ \t\n\r]*(.|$)/s.exec(text)?.[1];
      if (first !== '{' && first !== '[') return reject(bodyError(400, 'entity.parse.failed', 'strict violation'));
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(bodyError(400, 'entity.parse.failed', error instanceof Error ? error.message : 'invalid JSON'));
      }
    });
  });
}

/** Apollo's answer written as @as-integrations/express5 and Express's `res.send` write it. */
async function answer(apollo: ApolloServer<RequestContext>, req: HttpRequest, res: ServerResponse, contextFor: (req: HttpRequest) => Promise<RequestContext>): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: req.body },
    context: () => contextFor(req),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    const body = response.body.string;
    res.setHeader('Content-Type', withUtf8Charset(res.getHeader('content-type')));
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Express's `res.send` of a string: the content type's charset set to utf-8 (text/html when none was set). */
function withUtf8Charset(type: unknown): string {
  if (typeof type !== 'string') return 'text/html; charset=utf-8';
  // Apollo's own answers (application/json, application/graphql-response+json) already say it.
  if (UTF8_MEDIA_TYPE.test(type)) return type;
  const [mediaType, ...parameters] = type.split(';');
  const kept = parameters.map((parameter) => parameter.trim()).filter((parameter) => parameter !== '' && !/^charset=/i.test(parameter));
  return [mediaType!.trim(), ...kept, 'charset=utf-8'].join('; ');
}
