import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../../config/index.js';
import { ErrorCode } from '../../errors/index.js';
import { memoisedOperationMeasure, selectOperation, type OperationMeasure } from '../limits/measureOperation.js';
import { requestErrorStatus } from '../protocol.js';
import { graphqlRequestOf } from './graphqlRequest.js';
import type { HttpRequest, HttpStep } from './httpStep.js';
import { sendError } from './sendError.js';

const measured = new WeakMap<HttpRequest, OperationMeasure>();

/** The measure of the request's operation, when it had one we could read (for the cost extension and the rate limiter). */
export function operationMeasureOf(req: HttpRequest): OperationMeasure | undefined {
  return measured.get(req);
}

/**
 * Parsed documents by query text, so that a client sending the same operation again is not parsed
 * again (Apollo keeps its own cache of validated documents, after this one). Bounded by an estimate
 * of their memory: PARSED_DOCUMENTS_BYTES_PER_CHAR bytes of syntax tree per character of query.
 */
export const PARSED_DOCUMENTS_MAX_BYTES = 32 * 1024 * 1024;
const PARSED_DOCUMENTS_BYTES_PER_CHAR = 20;

/** graphql-js's message when `maxTokens` stops the parser ("more that" is its spelling). */
const TOO_MANY_TOKENS = /Document contains more (?:than|that) \d+ tokens/;

/**
 * Limits before execution: the document is parsed (at most `maxTokens` tokens) and measured
 * (src/server/limits/measureOperation.ts) before Apollo validates or runs it — validation itself is
 * quadratic in duplicated fields, so a hostile document is refused before it. Over a limit: 400 and
 * QUERY_TOO_COMPLEX naming the limit, the value, the maximum and the cost. Anything that is not a
 * readable single operation goes on to Apollo, which parses, validates and explains. A client that
 * accepts only application/json gets 200 instead of 400 (GraphQL over HTTP, see protocol.ts).
 */
export function useOperationLimits(schema: GraphQLSchema, limits: OperationLimits): HttpStep {
  const parsed = new LRUCache<string, DocumentNode>({
    maxSize: PARSED_DOCUMENTS_MAX_BYTES,
    sizeCalculation: (_document, query) => Math.max(1, query.length * PARSED_DOCUMENTS_BYTES_PER_CHAR),
  });
  const measureOf = memoisedOperationMeasure(schema);
  return (req, res, next) => {
    const request = graphqlRequestOf(req);
    if (!request) return next();
    let document = parsed.get(request.query);
    if (!document) {
      try {
        document = parse(request.query, { maxTokens: limits.maxTokens, noLocation: true });
      } catch (error) {
        if (!(error instanceof Error) || !TOO_MANY_TOKENS.test(error.message)) return next();
        return sendError(req, res, requestErrorStatus(req.headers.accept), ErrorCode.QUERY_TOO_COMPLEX,
          `Query too complex: the document has more than ${limits.maxTokens} tokens (the limit). Send a smaller document: fewer fields, fragments for repeated selections.`,
          { limit: 'tokens', max: limits.maxTokens });
      }
      parsed.set(request.query, document);
    }
    const operation = selectOperation(document, request.operationName);
    if (!operation) return next();
    const measure = measureOf(document, operation, request.variables);
    const checks: Array<[string, number, number, string]> = [
      ['depth', measure.depth, limits.maxDepth, 'nest fewer levels; page deeper levels with further requests'],
      ['aliases', measure.aliases, limits.maxAliases, 'send fewer aliased fields; use nodes(ids) for many entities'],
      ['rootFields', measure.rootFields, limits.maxRootFields, 'split the operation into several requests'],
      ['directives', measure.directives, limits.maxDirectives, 'use fewer directives'],
      ['cost', measure.cost, limits.maxCost, 'ask for smaller pages (first), fewer nested levels, or tighter caps'],
    ];
    for (const [limit, value, max, advice] of checks) {
      if (value <= max) continue;
      const cost = Number.isFinite(measure.cost) ? Math.round(measure.cost) : measure.cost;
      return sendError(req, res, requestErrorStatus(req.headers.accept), ErrorCode.QUERY_TOO_COMPLEX,
        `Query too complex: ${limit} is ${Number.isFinite(value) ? Math.round(value) : 'unbounded'}, the limit is ${max} (estimated cost ${cost}); ${advice}.`,
        { limit, value: Number.isFinite(value) ? Math.round(value) : null, max, cost: Number.isFinite(cost) ? cost : null });
    }
    measured.set(req, measure);
    next();
  };
}
