export { generateNetwork, planNetwork, MIN_ENTITIES } from './network.js';
export type { NetworkOptions, NetworkPlan, NetworkRecord } from './network.js';
export { Prng } from './prng.js';
export { plantDuplicates } from './duplicates.js';
export type { PlantedPair } from './duplicates.js';

import { plantDuplicates, type PlantedPair } from './duplicates.js';
import { generateNetwork, type NetworkOptions } from './network.js';

/**
 * The network as lines of the native import format (one JSON record each, no newline). With
 * `duplicates`, that many planted duplicate pairs follow the network (src/generator/duplicates.ts),
 * and `truth` receives them; without, the lines are the network's alone.
 */
export function* networkLines(options: NetworkOptions, duplicates?: { count: number; truth: PlantedPair[] }): Generator<string> {
  for (const record of generateNetwork(options)) yield JSON.stringify(record);
  if (duplicates && duplicates.count > 0) for (const record of plantDuplicates(options, duplicates.count, duplicates.truth)) yield JSON.stringify(record);
}
