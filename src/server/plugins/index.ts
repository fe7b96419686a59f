export { useAuditLog } from './useAuditLog.js';
export { useCostExtension } from './useCostExtension.js';
export { useRequestLog } from './useRequestLog.js';
export { useRoundTripHeader, ROUND_TRIP_HEADER } from './useRoundTripHeader.js';
export { useUnavailableStatus } from './useUnavailableStatus.js';
export { useJsonOnlyRequestErrors } from './useJsonOnlyRequestErrors.js';
export { useMutationPolicy } from './useMutationPolicy.js';
export { useSubscriptionsOverWebSocket } from './useSubscriptionsOverWebSocket.js';
