/**
 * Watch rules and alerts (issue 17, part 4): the bus that pushes new alerts to subscribers. The
 * rules and alerts themselves are stored and evaluated by the graph layer (src/graph/watch.ts).
 */
export { publishRaisedAlerts, raisedAlertsOf } from './alertBus.js';
