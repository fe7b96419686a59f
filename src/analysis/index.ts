export { rankByBetweenness } from './betweenness.js';
export { rankByBetweennessBefore } from './betweennessInWorker.js';
