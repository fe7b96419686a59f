export { seedDemoData, readDemoData, isGraphEmpty, DEMO_DATA_FILE } from './demoData.js';
export type { SeedReport } from './demoData.js';
