import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../../audit/index.js';
import { ErrorCode, HTTP_STATUS } from '../../errors/index.js';
import type { RequestContext } from '../../context/index.js';

/** Error codes in a response that mean an attempt was refused, with the status the audit records. */
const REFUSAL_STATUS: Partial<Record<string, 401 | 403>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
};

/**
 * Writes each request's audit trail (its protected reads and the refusals in its errors) in one
 * transaction before the response leaves. Fail closed: when the trail cannot be written, the
 * response is replaced by one AUDIT_UNAVAILABLE error (HTTP 503) and nothing of its data is sent.
 */
export function useAuditLog(auditLog: AuditLog): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ operationName, source }) {
          contextValue.audit.setOperation(operationName ?? null, source);
        },
        async willSendResponse({ response }) {
          const { audit, logger, requestId } = contextValue;
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              const status = REFUSAL_STATUS[String(error.extensions?.['code'])];
              if (status) audit.refusal(status, error.message);
            }
          }
          const events = audit.pendingEvents();
          if (events.length === 0) return;
          try {
            await auditLog.append(events);
          } catch (error) {
            logger.error({ err: error, events: events.length }, 'audit log unavailable: response withheld');
            const message = `The audit log could not be written, so the answer is withheld; retry later, and quote request id ${requestId} if it persists.`;
            // An incremental (deferred) response cannot be taken back once started; this schema has no @defer.
            response.body = { kind: 'single', singleResult: { errors: [{ message, extensions: { code: ErrorCode.AUDIT_UNAVAILABLE, requestId } }] } };
            response.http.status = HTTP_STATUS.AUDIT_UNAVAILABLE;
          }
        },
      };
    },
  };
}
