import { CallingError } from "../errors/callingError";

/**
 * The parts of SDK 0.9.7 the transport drives. Declared here rather than
 * imported so that nothing at module load touches the SDK (its UMD build
 * throws `self is not defined` in Node).
 */
export interface SdkInstance {
  iFrameManager: {
    /** Set by the SDK at construction; every message id it makes starts with it. */
    instanceId: number;
    /** True once the SDK has answered SYNC; it sends nothing before. */
    isReady: boolean;
    /** The origin the SDK posts to. */
    destinationHost: string;
    messageHandler: (event: MessageEvent) => void;
    onMessage(event: { data: unknown; origin: string }): void;
    logDebugMessage: (...args: unknown[]) => void;
    remove(): void;
  };
  sendMessage(message: { type: string; data?: unknown; messageId?: string }): void;
}

/** What the SDK's module exports, seen through any bundler or loader. */
export type SdkModule = unknown;

/** Handler the SDK calls for every message it dispatches. */
export type SdkHandler = (data: unknown, message: { type?: unknown } & Record<string, unknown>) => void;

type SdkConstructor = new (options: {
  debugMode: boolean;
  eventHandlers: { defaultEventHandler: SdkHandler };
}) => SdkInstance;

/** Loads the SDK lazily; only ever called in a browser, when a client starts. */
export function importSdk(): Promise<SdkModule> {
  return import("@hubspot/calling-extensions-sdk");
}

/**
 * Builds the SDK's `CallingExtensions` with one handler for every message.
 * The default export, seen from Node ESM or an esbuild CJS build, is the CJS
 * exports object rather than the class, hence `default.default`.
 */
export function createSdkInstance(mod: SdkModule, handler: SdkHandler): SdkInstance {
  const record = mod as { default?: { default?: unknown } | unknown } | undefined;
  const candidates = [
    (record?.default as { default?: unknown } | undefined)?.default,
    record?.default,
    mod,
  ];
  const Ctor = candidates.find((candidate) => typeof candidate === "function") as
    | SdkConstructor
    | undefined;
  const instance = Ctor
    ? new Ctor({ debugMode: false, eventHandlers: { defaultEventHandler: handler } })
    : undefined;
  const manager = instance?.iFrameManager;
  if (
    !instance ||
    typeof manager?.messageHandler !== "function" ||
    typeof manager.onMessage !== "function"
  ) {
    throw new CallingError(
      "UNSUPPORTED_ENVIRONMENT",
      "@hubspot/calling-extensions-sdk did not load as expected (this library is tested with 0.9.7)",
    );
  }
  return instance;
}
