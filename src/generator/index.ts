export { generateNetwork, planNetwork, MIN_ENTITIES } from './network.js';
export type { NetworkOptions, NetworkPlan, NetworkRecord } from './network.js';
export { Prng } from './prng.js';

import { generateNetwork, type NetworkOptions } from './network.js';

/** The network as lines of the native import format (one JSON record each, no newline). */
export function* networkLines(options: NetworkOptions): Generator<string> {
  for (const record of generateNetwork(options)) yield JSON.stringify(record);
}
