export { useJsonBody } from './useJsonBody.js';
export { useNoStore } from './useNoStore.js';
export { operationMeasureOf, useOperationLimits } from './useOperationLimits.js';
export { clientKeyOf, rateLimitOf, useRateLimit, type RateLimitState } from './useRateLimit.js';
export { useAuthentication, viewerOf, type AuthenticationOptions } from './useAuthentication.js';
export { useSecurityHeaders } from './useSecurityHeaders.js';
export { sendError } from './sendError.js';
export { useRequestLogging } from './useRequestLogging.js';
