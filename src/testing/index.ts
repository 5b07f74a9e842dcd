// hubspot-calling-kit/testing: tools for testing widgets without HubSpot.
// Imports no test runner; works in Node and in browsers.

export type { MemoryHost, MemoryTransportOptions, RecordedMessage } from "./memoryTransport";
export { createMemoryTransport } from "./memoryTransport";
export type {
  SimulatedCall,
  SimulatedOutcome,
  SimulatedProvider,
  SimulatedProviderOptions,
} from "./simulatedProvider";
export { SIMULATED_OUTCOMES, simulatedProvider } from "./simulatedProvider";
