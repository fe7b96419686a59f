export { rankByBetweenness } from './betweenness.js';
