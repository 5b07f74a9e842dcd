import type { EndCause, ProviderEndReason } from "../providers/telephonyProvider";
import type {
  CallerIdMatch,
  DialNumberPayload,
  HostContext,
  HubSpotId,
  WidgetSize,
} from "../sdk/messages";
import type { CompleteDetails } from "./callSnapshot";
import type { ErrorInfo } from "./errorInfo";

/**
 * Everything that can happen to the machine: messages from HubSpot (`host*`),
 * user commands, provider reports (`provider*`) and writer results. Events
 * carry their time (`at`) and generated ids, so the machine stays pure.
 *
 * @example
 * ```ts
 * const [next, effects] = transition(snapshot, { type: "hostEndCall", at: Date.now() });
 * ```
 */
export type MachineEvent =
  // From HubSpot's page.
  | { type: "hostSynced"; host: HostContext }
  | { type: "hostDialNumber"; payload: DialNumberPayload; at: number }
  | { type: "hostEngagementCreated"; engagementId: HubSpotId; externalCallId?: string }
  | { type: "hostEngagementCreateFailed"; message?: string; externalCallId?: string }
  | { type: "hostEndCall"; at: number }
  | { type: "hostVisibilityChanged"; isMinimized: boolean; isHidden: boolean }
  | { type: "hostCallerIdMatched"; matches: CallerIdMatch[]; externalCallId?: string; error?: ErrorInfo }
  // User commands.
  | { type: "initialize"; isLoggedIn: boolean; isAvailable?: boolean; sizeInfo?: WidgetSize }
  | { type: "logIn" }
  | { type: "logOut" }
  | { type: "setAvailable"; available: boolean }
  | {
      type: "dial";
      callId: string;
      toNumber?: string;
      fromNumber?: string;
      createEngagement: boolean;
      at: number;
    }
  | { type: "hangUp"; at: number }
  | { type: "answer" }
  | { type: "reject"; at: number }
  | { type: "mute"; muted: boolean }
  | { type: "hold"; held: boolean }
  | { type: "transfer" }
  | { type: "complete"; details: CompleteDetails }
  | { type: "discard" }
  // From the telephony provider.
  | {
      type: "providerIncoming";
      callId: string;
      from: string;
      to: string;
      createEngagement: boolean;
      at: number;
    }
  | { type: "providerRinging"; callId: string }
  | { type: "providerAnswered"; callId: string; at: number }
  | { type: "providerEnded"; callId: string; reason: ProviderEndReason; cause?: EndCause; at: number }
  | { type: "providerFailed"; callId: string; error: ErrorInfo; cause?: EndCause; at: number }
  // A mute or hold the provider refused: that one field back to what it was
  // (the other is left alone: a command on it may have succeeded meanwhile).
  | { type: "providerRollback"; callId: string; muted?: boolean; held?: boolean }
  // From the engagement writer.
  | { type: "writeSucceeded"; callId: string; engagementId?: HubSpotId; queued: boolean }
  | { type: "writeFailed"; callId: string; error: ErrorInfo; final: boolean }
  | { type: "writeDelivered"; callId: string; engagementId?: HubSpotId };

/**
 * The `type` of a {@link MachineEvent}.
 *
 * @example
 * ```ts
 * const type: MachineEventType = "hostDialNumber";
 * ```
 */
export type MachineEventType = MachineEvent["type"];
