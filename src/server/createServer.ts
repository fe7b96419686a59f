import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Logger } from 'pino';
import { createTokenVerifier, exposureProblem, resolveSigningKeys, type OnRefused } from '../auth/index.js';
import { ConfigError, DEFAULT_ROLE_CLAIM, MAX_REQUEST_BODY_BYTES, READINESS_TIMEOUT_MS, type Config } from '../config/index.js';
import type { Database } from '../database/index.js';
import { createFormatError, ErrorCode } from '../errors/index.js';
import { createLoaders, type LoaderOptions } from '../loaders/index.js';
import { resolvers } from '../resolvers/index.js';
import { visibilityFor } from '../policy/index.js';
import { loadTypeDefs } from '../schema/index.js';
import type { RequestContext } from '../context/index.js';
import { AuditLog, AuditTrail } from '../audit/index.js';
import { mountExplorer } from './explorer.js';
import { compiledExecutorGateway } from './compiledExecutor.js';
import { directGraphQLHandler } from './directGraphQL.js';
import { startSubscriptionServer } from './subscriptions.js';
import { useAuditLog, useCostExtension, useJsonOnlyRequestErrors, useMutationPolicy, useRequestLog, useRoundTripHeader, useSubscriptionsOverWebSocket, useUnavailableStatus } from './plugins/index.js';
import {
  operationMeasureOf,
  rateLimitOf,
  useAuthentication,
  useJsonBody,
  useNoStore,
  useOperationLimits,
  useRateLimit,
  useSecurityHeaders,
  useRequestLogging,
  viewerOf,
  sendJson,
  type HttpRequest,
  type HttpStep,
} from './middleware/index.js';
import { withTimeout } from '../util/withTimeout.js';
import { GRAPHQL_PATH } from './protocol.js';

export { GRAPHQL_PATH };

export interface ServerDependencies {
  config: Config;
  db: Database;
  logger: Logger;
  /** How each request's loaders cache (tests inject faults here); by default as `config.lookAhead` says. */
  loaderOptions?: LoaderOptions;
  /** Told of every refused request (401 authentication, 403 role) before the refusal is sent: the audit log's hook. */
  onRefused?: OnRefused;
}

export interface RunningServer {
  /** Base URL, for example http://127.0.0.1:4000 */
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (bounded), then resolves. */
  stop(): Promise<void>;
}

/** Builds and starts the HTTP server: GraphQL at /graphql (subscriptions over WebSocket there too), /health, /ready, a local landing page. */
export async function startServer({ config, db, logger, loaderOptions = { cache: config.lookAhead }, onRefused }: ServerDependencies): Promise<RunningServer> {
  // Secure by default: no network without authentication (main.ts says so before Neo4j starts, too).
  const exposure = exposureProblem(config);
  if (exposure !== undefined) throw new ConfigError(exposure);
  const signingKeys = await resolveSigningKeys(config);
  const tokenVerifier = createTokenVerifier(signingKeys, config.auth.roleClaim ?? DEFAULT_ROLE_CLAIM);
  logger.info({ tokens: signingKeys.kind === 'secret' ? `${signingKeys.origin} secret` : signingKeys.kind, anonymousRole: config.auth.anonymousRole }, 'authentication');

  const app = express();
  // Set once the GraphQL steps exist (below); until then every request goes to Express.
  let direct: ((req: HttpRequest, res: http.ServerResponse) => boolean) | undefined;
  const httpServer = http.createServer((req, res) => {
    if (direct?.(req, res) !== true) app(req, res);
  });
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag: Express would hash every answer (a tree's is ~100 KB) for a conditional GET that no
  // GraphQL POST makes, and every answer is Cache-Control: no-store anyway.
  app.set('etag', false);

  // Shared by every request of this process; the auth middleware reports refusals to `auditLog.recordRefusal`.
  const auditLog = new AuditLog(db);
  // Refusals made before GraphQL runs (401s) are recorded here; GraphQL's own (a FORBIDDEN
  // mutation) reach the audit log through useAuditLog, so each refusal is recorded once.
  const refusedBeforeGraphQL: OnRefused = async (event) => {
    await auditLog.recordRefusal(event);
    await onRefused?.(event);
  };
  const schema = makeExecutableSchema<RequestContext>({ typeDefs: loadTypeDefs(), resolvers });
  const formatError = createFormatError(logger, config.queryTimeoutMs, config.requestTimeoutMs);
  // Subscriptions (graphql-ws) on the same server and path; closed when Apollo drains (below).
  const subscriptions = startSubscriptionServer({
    httpServer, path: GRAPHQL_PATH, schema, db, logger, verifier: tokenVerifier, limits: config.limits, auditLog, onRefused: refusedBeforeGraphQL, formatError,
  });
  const apollo = new ApolloServer<RequestContext>({
    // graphql-jit by default; graphql-js, the reference executor, when EXECUTOR says so.
    ...(config.executor === 'compiled' ? { gateway: compiledExecutorGateway(schema) } : { schema }),
    introspection: config.http.introspection,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" in validation errors would describe the schema to whoever cannot introspect it.
    hideSchemaDetailsFromClientErrors: !config.http.introspection,
    // useOperationLimits parses first with the same bound; this keeps Apollo's own parse to it too.
    parseOptions: { maxTokens: config.limits.maxTokens },
    // main.ts owns SIGINT/SIGTERM: it drains this server, then closes the driver and stops Neo4j.
    stopOnTerminationSignals: false,
    formatError,
    // Cross-cutting concerns, in the order they see a request.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      // Open WebSockets are not HTTP requests to drain: they are closed (1001, going away) at stop.
      { serverWillStart: async () => ({ drainServer: () => subscriptions.dispose() }) },
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in the schema; the default plugin would still wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      useRequestLog(),
      useRoundTripHeader(),
      useUnavailableStatus(db.health),
      useCostExtension(),
      useMutationPolicy(onRefused),
      useSubscriptionsOverWebSocket(GRAPHQL_PATH),
      useJsonOnlyRequestErrors(),
      // Last: it may replace the response (fail closed) after the others have read it.
      useAuditLog(auditLog),
    ],
  });
  await apollo.start();

  // Every response's: its id and logger, security headers, no caching.
  const everyRequest: HttpStep[] = [useRequestLogging(logger), useSecurityHeaders(), useNoStore()];
  app.use(...everyRequest);

  mountExplorer(app, GRAPHQL_PATH);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready when Neo4j answers. While the supervisor knows it is down, /ready says so without asking
  // it, with what is being done: state (down, restarting, stopped), since when, attempts, last error.
  app.get('/ready', async (_req, res) => {
    const unavailable = () => {
      const { state, ...health } = db.health.snapshot();
      res.status(503).set('Retry-After', String(health.retryAfterSeconds)).json({ status: 'unavailable', database: state === 'up' ? 'down' : state, ...health });
    };
    if (!db.health.isAvailable()) {
      unavailable();
      return;
    }
    try {
      await withTimeout(db.ping(), READINESS_TIMEOUT_MS);
      res.json({ status: 'ready', database: 'up' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      unavailable();
    }
  });

  const contextFor = async (req: HttpRequest): Promise<RequestContext> => {
    const requestId = String(req.id);
    const stats = { cypherRoundTrips: 0 };
    const deadlineAt = Date.now() + config.requestTimeoutMs;
    const requestDb = db.withObserver(() => {
      stats.cypherRoundTrips += 1;
    }).withDeadline(deadlineAt);
    const measure = operationMeasureOf(req);
    const budget = rateLimitOf(req);
    const viewer = viewerOf(req);
    // useAuthentication runs before on this path; without its verdict nothing may run.
    if (!viewer) throw new Error('no viewer on the request: useAuthentication must run before the GraphQL handler');
    return {
      deadlineAt,
      cost: measure && { requested: Math.round(measure.cost), limit: config.limits.maxCost, ...(budget ?? {}) },
      requestId,
      viewer,
      audit: new AuditTrail(requestId, viewer),
      logger: logger.child({ requestId }),
      db: requestDb,
      // The loaders read for the request's role: nothing hidden from it is ever fetched or cached.
      loaders: createLoaders(requestDb, visibilityFor(viewer.role), loaderOptions),
      lookAhead: config.lookAhead,
      oneStatementWrites: config.oneStatementWrites,
      mutationsTogether: config.mutationsTogether,
      stats,
    };
  };
  // The GraphQL endpoint's cross-cutting concerns, in the order they see a request; everything
  // before Apollo refuses cheaply, before any parse-heavy or database work.
  const beforeBody: HttpStep[] = [
    cors(config.http.corsOrigins === false ? { origin: false } : { origin: config.http.corsOrigins, maxAge: 600 }) as HttpStep,
    // Who the request is, first: a refused client does not get its body parsed.
    useAuthentication({ verifier: tokenVerifier, anonymousRole: config.auth.anonymousRole, onRefused: refusedBeforeGraphQL }),
  ];
  const afterBody: HttpStep[] = [useOperationLimits(schema, config.limits), useRateLimit(config.limits.costPointsPerMinute)];
  app.use(GRAPHQL_PATH, ...beforeBody, useJsonBody(MAX_REQUEST_BODY_BYTES), ...afterBody, expressMiddleware(apollo, { context: ({ req }) => contextFor(req) }));

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: `Not found. The GraphQL endpoint is POST ${GRAPHQL_PATH}.`, extensions: { code: ErrorCode.NOT_FOUND } }] });
  });
  const answerError = httpErrorAnswer(logger);
  app.use(((error, req, res, _next) => answerError(error, req, res)) as ErrorRequestHandler);
  if (config.httpPipeline === 'direct') {
    direct = directGraphQLHandler({
      beforeBody: [...everyRequest, ...beforeBody], afterBody, apollo, contextFor, onError: answerError,
    });
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;

  return {
    url: `http://${host}:${port}`,
    port,
    stop: () => apollo.stop(),
  };
}

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over the limit) become GraphQL-shaped
 * JSON with a code: never an HTML page or a stack trace.
 */
function httpErrorAnswer(logger: Logger): (error: unknown, req: HttpRequest, res: http.ServerResponse) => void {
  return (error, req, res) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    let message = 'Internal error.';
    let code: string = ErrorCode.INTERNAL_SERVER_ERROR;
    if (type === 'entity.too.large') {
      message = `Request body too large: at most ${MAX_REQUEST_BODY_BYTES / (1024 * 1024)} MiB. Send a smaller document and variables.`;
      code = ErrorCode.BAD_REQUEST;
    } else if (type === 'entity.parse.failed') {
      message = 'Request body is not valid JSON. Send {"query": "...", "variables": {...}} with content-type application/json.';
      code = ErrorCode.BAD_REQUEST;
    } else if (type === 'encoding.invalid') {
      message = 'Request body is not valid UTF-8. Send the JSON encoded as UTF-8.';
      code = ErrorCode.BAD_REQUEST;
    } else if (status >= 400 && status < 500) {
      message = error instanceof Error ? error.message : 'Bad request.';
      code = ErrorCode.BAD_REQUEST;
    } else {
      logger.error({ err: error, requestId: req.id }, 'unhandled HTTP error');
    }
    if (code === ErrorCode.BAD_REQUEST) logger.info({ requestId: req.id, status, reason: message }, 'bad request');
    sendJson(res, status, { errors: [{ message, extensions: { code, requestId: String(req.id) } }] });
  };
}
