import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { AuditTrail, type AuditLog } from '../audit/index.js';
import type { OnRefused, TokenVerifier } from '../auth/index.js';
import type { OperationLimits } from '../config/index.js';
import type { RequestContext, Viewer } from '../context/index.js';
import type { Database } from '../database/index.js';
import { ErrorCode } from '../errors/index.js';
import { createLoaders } from '../loaders/index.js';
import { visibilityFor } from '../policy/index.js';
import { measureOperation, selectOperation } from './limits/measureOperation.js';

/** graphql-ws close codes (its CloseCode): no or unreadable credentials, and credentials refused. */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;
/** Longest close reason a WebSocket frame carries (123 bytes); ours are shorter. */
const BEARER = /^Bearer +(\S+)$/i;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  db: Database;
  logger: Logger;
  verifier: TokenVerifier;
  limits: OperationLimits;
  auditLog: AuditLog;
  onRefused: OnRefused;
  /** The API's error formatting (masks our faults, gives database errors their codes). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  viewer?: Viewer;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the API's
 * own HTTP server and path. The upgrade is handled by the HTTP server before Express, so helmet, CORS
 * and the body limits of the HTTP path neither see nor break it; this module applies what matters to
 * a socket itself:
 * - Authentication in `connection_init`: `connectionParams.authorization` ("Bearer <token>") is
 *   verified as an HTTP request's header is (src/auth). A subscription belongs to a subject, so there
 *   is no anonymous socket: without a token the socket closes with 4401, with a token refused (expired,
 *   forged...) with 4403, the reason in the close frame; each refusal is audited as HTTP's are. A
 *   socket closes (4403) when its token expires: no subscription outlives its credentials.
 * - Only subscription operations run here. Queries and mutations go as HTTP POST, where the mutation
 *   policy, the audit of writes and the rate limiter apply.
 * - The document limits of HTTP (tokens, depth, aliases, root fields, directives, cost).
 * - Each event is read through the subscriber's role with fresh, uncached loaders; protected reads are
 *   audited before the event is sent, and an event whose audit cannot be written is replaced by an
 *   AUDIT_UNAVAILABLE error (fail closed, as on HTTP).
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { dispose(): Promise<void> } {
  const { httpServer, path, schema, db, logger, verifier, limits, auditLog, onRefused, formatError } = options;
  // Upgrades handled here rather than by `new WebSocketServer({ server })`, which would also re-emit
  // the HTTP server's own errors (a port in use) as the WebSocket server's.
  const wsServer = new WebSocketServer({ noServer: true });
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit('connection', ws, request));
  };
  httpServer.on('upgrade', onUpgrade);

  const refuse = async (socket: { close(code: number, reason: string): void }, code: number, reason: string, message: string, subject?: string) => {
    const requestId = randomUUID();
    try {
      await onRefused({ requestId, status: code === CLOSE_UNAUTHORIZED ? 401 : 403, reason, ...(subject !== undefined ? { subject } : {}) });
    } catch (error) {
      logger.error({ err: error, requestId }, 'onRefused hook failed');
    }
    logger.info({ requestId, reason, subject }, 'subscription socket refused');
    socket.close(code, message.slice(0, 123));
  };

  const contextFor = (viewer: Viewer): RequestContext => {
    const requestId = randomUUID();
    return {
      requestId,
      viewer,
      // A subscription lives for as long as its socket: no request deadline, each statement has its own timeout.
      deadlineAt: Number.MAX_SAFE_INTEGER,
      cost: undefined,
      audit: new AuditTrail(requestId, viewer),
      logger: logger.child({ requestId }),
      db,
      // Uncached: an event is read as it is when it happens, not as an earlier event cached it.
      loaders: createLoaders(db, visibilityFor(viewer.role), { cache: false }),
      lookAhead: false,
      oneStatementWrites: true,
      mutationsTogether: true,
      stats: { cypherRoundTrips: 0 },
    };
  };

  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>({
    schema,
    onConnect: async (ctx) => {
      const given = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
      if (typeof given !== 'string' || given.trim() === '') {
        await refuse(ctx.extra.socket, CLOSE_UNAUTHORIZED, 'anonymous_not_allowed', 'Unauthorized: send connectionParams.authorization "Bearer <token>"');
        return false;
      }
      const token = BEARER.exec(given.trim())?.[1];
      if (token === undefined) {
        await refuse(ctx.extra.socket, CLOSE_UNAUTHORIZED, 'malformed', 'Unauthorized: connectionParams.authorization must be "Bearer <token>"');
        return false;
      }
      const verdict = await verifier.verify(token);
      if (!verdict.ok) {
        await refuse(ctx.extra.socket, CLOSE_FORBIDDEN, verdict.failure.reason, `Forbidden: the token was refused (${verdict.failure.reason})`, verdict.failure.subject);
        return false;
      }
      ctx.extra.viewer = verdict.viewer;
      // No subscription outlives its token: the socket closes (4403) when the token expires.
      const { exp } = decodeJwt(token);
      if (typeof exp === 'number') {
        const socket = ctx.extra.socket;
        const timer = setTimeout(() => socket.close(CLOSE_FORBIDDEN, 'Forbidden: the token expired; reconnect with a fresh one'), Math.max(0, exp * 1000 - Date.now()));
        timer.unref();
        socket.once('close', () => clearTimeout(timer));
      }
      return true;
    },
    onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
      const viewer = ctx.extra.viewer;
      if (!viewer) return [new GraphQLError('Unauthorized: the connection was not authenticated.', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: limits.maxTokens, noLocation: true });
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The document does not parse.', { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })];
      }
      const invalid = validate(schema, document);
      if (invalid.length > 0) return invalid.map((error) => new GraphQLError(error.message, { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }));
      const operation = selectOperation(document, payload.operationName ?? undefined);
      if (!operation) return [new GraphQLError('Name the operation to run (operationName): the document has several, or none by that name.', { extensions: { code: ErrorCode.BAD_REQUEST } })];
      if (operation.operation !== 'subscription') {
        return [new GraphQLError(`Only subscriptions run over WebSocket: send ${operation.operation === 'mutation' ? 'mutations' : 'queries'} as HTTP POST to ${path}.`, { extensions: { code: ErrorCode.BAD_REQUEST } })];
      }
      const variables = payload.variables ?? {};
      const measure = measureOperation(schema, document, operation, variables);
      const checks: Array<[string, number, number]> = [
        ['depth', measure.depth, limits.maxDepth], ['aliases', measure.aliases, limits.maxAliases], ['rootFields', measure.rootFields, limits.maxRootFields],
        ['directives', measure.directives, limits.maxDirectives], ['cost', measure.cost, limits.maxCost],
      ];
      for (const [limit, value, max] of checks) {
        if (value > max) return [new GraphQLError(`Query too complex: ${limit} is ${Math.round(value)}, the limit is ${max}.`, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max } })];
      }
      return { schema, document, operationName: payload.operationName ?? null, variableValues: variables, contextValue: contextFor(viewer) };
    },
    onNext: async (_ctx, _id, _payload, args, result) => {
      const context = args.contextValue as RequestContext;
      const events = context.audit.pendingEvents();
      // The next event starts a fresh trail: each is audited once.
      context.audit = new AuditTrail(context.requestId, context.viewer);
      if (events.length > 0) {
        try {
          await auditLog.append(events);
        } catch (error) {
          context.logger.error({ err: error }, 'audit log unavailable: subscription event withheld');
          return { errors: [{ message: 'The audit log could not be written, so this event is withheld; it stays listed by alerts(...).', extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } }] };
        }
      }
      return result.errors ? { ...result, errors: format(result.errors) } : undefined;
    },
    onError: (_ctx, _id, _payload, errors) => format(errors),
  }, wsServer);

  return {
    async dispose() {
      httpServer.off('upgrade', onUpgrade);
      await server.dispose();
    },
  };
}
