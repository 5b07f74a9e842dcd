// hubspot-calling-kit/testing: tools for testing widgets without HubSpot.
// Imports no test runner and no Node built-in; works in Node and in browsers
// (createHostSimulator and acceptSimulatorControl need a browser page).
// Held back on purpose: the shared message recorder, reply desk and table of
// HubSpot's reactions, the SDK host frame, and the control channel's wire
// format; they may change freely.

export type { HostSimulator, HostSimulatorOptions } from "./hostSimulator";
export { createHostSimulator } from "./hostSimulator";
export type { MemoryHost, MemoryTransportOptions } from "./memoryTransport";
export { createMemoryTransport } from "./memoryTransport";
export type { MessageLog, RecordedMessage, WidgetMessage } from "./messageRecorder";
export type { AutoReplyMode, CallerIdReplyMode, HostReplies } from "./hostReplies";
export type { HostNotice } from "./hostNotice";
export type { DialNumberVariant } from "./dialNumberPayloads";
export { DIAL_NUMBER_VARIANT_NAMES, DIAL_NUMBER_VARIANTS, dialNumberPayload } from "./dialNumberPayloads";
export type {
  SimulatedCall,
  SimulatedOutcome,
  SimulatedProvider,
  SimulatedProviderOptions,
} from "./simulatedProvider";
export { SIMULATED_OUTCOMES, simulatedProvider } from "./simulatedProvider";
export type { SimulatorCommand, SimulatorControlOptions } from "./simulatorControl";
export { acceptSimulatorControl } from "./simulatorControl";
export type { MemoryWriteAttempt, MemoryWriter, MemoryWriterOptions, StoredEngagement } from "./memoryWriter";
export { memoryWriter } from "./memoryWriter";
export type { FakeClock, FakeClockOptions } from "./fakeClock";
export { createFakeClock } from "./fakeClock";
export type { ConformanceCheck } from "./conformanceCheck";
export type { ConformanceScenario, ProviderFactory } from "./conformanceScenarios";
export { CONFORMANCE_SCENARIOS } from "./conformanceScenarios";
export type { ProviderConformanceOptions } from "./providerConformanceOptions";
export { providerConformance } from "./providerConformance";
export type { HeldLock, MemoryLocks } from "./memoryLocks";
export { createMemoryLocks } from "./memoryLocks";
export type { CallingLayout, LayoutMessage, LayoutSimulator, LayoutSimulatorOptions } from "./layoutSimulator";
export { CALLING_LAYOUTS, createLayoutSimulator } from "./layoutSimulator";
