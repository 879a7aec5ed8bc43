export { startEmulator, PortInUseError, type RunningEmulator } from './emulator.js';
export type { EmulatorOptions } from './config.js';
