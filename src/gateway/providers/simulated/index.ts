export { SimulatedProvider } from './provider.js';
export { type SimulatedUpstream, type SimulatedUpstreamOptions, startSimulatedUpstream } from './server.js';
export { FAULT_KINDS, type FaultKind, SimulationSettings, type SimulationSettingsInput } from './settings.js';
