// One script of widget messages and what HubSpot does about each, run against
// both simulated HubSpots: the memory transport (test/testing) and the host
// simulator in Chromium (test/e2e/testing). Run in order: engagement ids and
// the widget's size carry over from one case to the next.
import type { CallerIdMatch } from "../../src/index";
import type { HostNotice, RecordedMessage } from "../../src/testing/index";

export const FIRST_ENGAGEMENT_ID = 30_000_000_001;

export const CALLER_ID_MATCHES: CallerIdMatch[] = [
  {
    callerIdType: "CONTACT",
    objectCoordinates: { portalId: 987_654_321, objectId: 3_000_000_101, objectTypeId: "0-1" },
    firstName: "Ada",
    lastName: "Lovelace",
  },
];

/** What one widget message came to: HubSpot's verdict, answers, notice and the widget's size after it. */
export interface Transcript {
  issues: readonly string[];
  replies: { type: string; data: unknown }[];
  notice: HostNotice | undefined;
  size: { width: number; height: number };
}

export interface ReactionCase {
  name: string;
  /** The message as the widget sends it (`data` left out when absent). */
  send: { type: string; data?: unknown };
  expected: Transcript;
  /** The widget's address afterwards (SET_WIDGET_URL). */
  widgetUrl?: string;
}

/** Reads the transcript of the widget message at `index` in a recorded log. */
export function transcriptAt(log: RecordedMessage[], index: number, size: Transcript["size"]): Transcript {
  const entry = log[index] as RecordedMessage;
  const replies: Transcript["replies"] = [];
  for (const next of log.slice(index + 1)) {
    if (next.direction !== "toWidget") break;
    replies.push({ type: next.type, data: next.data });
  }
  return { issues: entry.issues ?? [], replies, notice: entry.notice, size };
}

const call = "3f1c0d7e-6a34-4b7f-9a1e-0c8f2e6d5b11";
const inbound = "a9e2b4c1-77d0-4e3a-8f5b-2d6c1e0f9a22";
const coordinates = { portalId: 987_654_321, objectId: 3_000_000_101, objectTypeId: "0-1" };

/** The script; `widgetUrl` is where the widget is served (SET_WIDGET_URL moves it there, with a query). */
export function hubSpotReactionCases(widgetUrl: string): ReactionCase[] {
  let size = { width: 400, height: 600 };
  const sized = (next?: { width: number; height: number }) => (size = next ?? size);
  const none = (): Transcript => ({ issues: [], replies: [], notice: undefined, size: sized() });
  const moved = new URL(widgetUrl);
  moved.searchParams.set("moved", "1");
  return [
    {
      name: "INITIALIZED with sizeInfo: the iframe takes that size",
      send: { type: "INITIALIZED", data: { isLoggedIn: false, isAvailable: false, sizeInfo: { width: 400, height: 650 } } },
      expected: { ...none(), size: sized({ width: 400, height: 650 }) },
    },
    {
      name: "RESIZE_WIDGET: the iframe takes that size",
      send: { type: "RESIZE_WIDGET", data: { width: 420, height: 670 } },
      expected: { ...none(), size: sized({ width: 420, height: 670 }) },
    },
    {
      name: "RESIZE_WIDGET without a usable size: malformed, the size stays",
      send: { type: "RESIZE_WIDGET", data: { width: 0 } },
      expected: { ...none(), issues: ["data.width: expected a positive number of pixels", "data.height: required"] },
    },
    { name: "LOGGED_IN: nothing to answer", send: { type: "LOGGED_IN" }, expected: none() },
    {
      name: "OUTGOING_CALL_STARTED with createEngagement: the engagement is created",
      send: { type: "OUTGOING_CALL_STARTED", data: { externalCallId: call, toNumber: "+16175550100", fromNumber: "+16175550199", createEngagement: true } },
      expected: { ...none(), replies: [{ type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: FIRST_ENGAGEMENT_ID } }] },
    },
    {
      name: "OUTGOING_CALL_STARTED without data: malformed, nothing created",
      send: { type: "OUTGOING_CALL_STARTED" },
      expected: { ...none(), issues: ["data: missing"] },
    },
    {
      name: "OUTGOING_CALL_STARTED asking for an engagement without externalCallId: CREATE_ENGAGEMENT_FAILED",
      send: { type: "OUTGOING_CALL_STARTED", data: { toNumber: "+16175550100", createEngagement: true } },
      expected: {
        ...none(),
        issues: ["data.externalCallId: required"],
        replies: [{ type: "CREATE_ENGAGEMENT_FAILED", data: { error: { message: "OUTGOING_CALL_STARTED is malformed: data.externalCallId: required" } } }],
      },
    },
    { name: "CALL_ANSWERED", send: { type: "CALL_ANSWERED", data: { externalCallId: call } }, expected: none() },
    {
      name: "CALL_TRANSFERRED: shown on the page",
      send: { type: "CALL_TRANSFERRED", data: { externalCallId: call } },
      expected: { ...none(), notice: { kind: "callTransferred", externalCallId: call } },
    },
    {
      name: "CALL_ENDED without data (what HubSpot's demo sends on END_CALL): malformed, no answer",
      send: { type: "CALL_ENDED" },
      expected: { ...none(), issues: ["data: missing"] },
    },
    {
      name: "CALL_COMPLETED with the engagement id as a string: that engagement is written",
      send: {
        type: "CALL_COMPLETED",
        data: { externalCallId: call, engagementId: String(FIRST_ENGAGEMENT_ID), hideWidget: false, engagementProperties: { hs_call_body: "Resolved issue", hs_timestamp: 1_700_000_000_000 } },
      },
      expected: { ...none(), replies: [{ type: "UPDATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: FIRST_ENGAGEMENT_ID } }] },
    },
    {
      name: "CALL_COMPLETED without data: malformed, nothing written, no answer",
      send: { type: "CALL_COMPLETED" },
      expected: { ...none(), issues: ["data: missing"] },
    },
    {
      name: "CALL_COMPLETED with properties HubSpot cannot read: UPDATE_ENGAGEMENT_FAILED",
      send: { type: "CALL_COMPLETED", data: { externalCallId: call, engagementId: FIRST_ENGAGEMENT_ID, engagementProperties: "notes" } },
      expected: {
        ...none(),
        issues: ["data.engagementProperties: expected an object of strings"],
        replies: [{ type: "UPDATE_ENGAGEMENT_FAILED", data: { error: { message: "CALL_COMPLETED is malformed: data.engagementProperties: expected an object of strings" } } }],
      },
    },
    {
      name: "FINALIZE_ENGAGEMENT with the engagement id as a string: answered with the number",
      send: { type: "FINALIZE_ENGAGEMENT", data: { externalCallId: call, engagementId: String(FIRST_ENGAGEMENT_ID) } },
      expected: { ...none(), replies: [{ type: "FINALIZE_ENGAGEMENT_SUCCEEDED", data: { engagementId: FIRST_ENGAGEMENT_ID, externalCallId: call } }] },
    },
    {
      name: "FINALIZE_ENGAGEMENT without data: FINALIZE_ENGAGEMENT_FAILED",
      send: { type: "FINALIZE_ENGAGEMENT" },
      expected: {
        ...none(),
        issues: ["data: missing"],
        replies: [{ type: "FINALIZE_ENGAGEMENT_FAILED", data: { error: { message: "FINALIZE_ENGAGEMENT is malformed: data: missing" } } }],
      },
    },
    {
      name: "INCOMING_CALL: engagement created and the caller matched",
      send: { type: "INCOMING_CALL", data: { externalCallId: inbound, fromNumber: "+16175550100", toNumber: "+16175550199", createEngagement: true } },
      expected: {
        ...none(),
        replies: [
          { type: "CREATE_ENGAGEMENT_SUCCEEDED", data: { engagementId: FIRST_ENGAGEMENT_ID + 1 } },
          { type: "CALLER_ID_MATCH_SUCCEEDED", data: { callerIdMatches: CALLER_ID_MATCHES, externalCallId: inbound } },
        ],
      },
    },
    {
      name: "INCOMING_CALL without data: malformed, the caller cannot be matched",
      send: { type: "INCOMING_CALL" },
      expected: {
        ...none(),
        issues: ["data: missing"],
        replies: [{ type: "CALLER_ID_MATCH_FAILED", data: { error: { message: "INCOMING_CALL is malformed: data: missing" } } }],
      },
    },
    {
      name: "NAVIGATE_TO_RECORD: shown on the page",
      send: { type: "NAVIGATE_TO_RECORD", data: { objectCoordinates: coordinates, openIn: "NEW_TAB" } },
      expected: { ...none(), notice: { kind: "navigateToRecord", objectCoordinates: coordinates, openIn: "NEW_TAB" } },
    },
    {
      name: "NAVIGATE_TO_RECORD without coordinates: NAVIGATE_TO_RECORD_FAILED",
      send: { type: "NAVIGATE_TO_RECORD", data: { engagementId: FIRST_ENGAGEMENT_ID } },
      expected: {
        ...none(),
        issues: ["data.objectCoordinates: required"],
        replies: [{ type: "NAVIGATE_TO_RECORD_FAILED", data: { error: { message: "NAVIGATE_TO_RECORD is malformed: data.objectCoordinates: required" }, engagementId: FIRST_ENGAGEMENT_ID } }],
      },
    },
    {
      name: "ERROR (with the type HubSpot's demo adds): shown as an alert",
      send: { type: "ERROR", data: { type: "ERROR", message: "This is an error alert shown in the Hubspot UI" } },
      expected: { ...none(), notice: { kind: "error", message: "This is an error alert shown in the Hubspot UI" } },
    },
    {
      name: "a type HubSpot does not know: malformed, no answer",
      send: { type: "MAKE_COFFEE", data: {} },
      expected: { ...none(), issues: ['type: HubSpot does not know the message type "MAKE_COFFEE"'] },
    },
    {
      name: "SET_WIDGET_URL that is no web address: SET_WIDGET_URL_FAILED",
      send: { type: "SET_WIDGET_URL", data: { iFrameUrl: "javascript:alert(1)" } },
      expected: {
        ...none(),
        issues: ["data.iFrameUrl: expected an http(s) URL"],
        replies: [{ type: "SET_WIDGET_URL_FAILED", data: { error: { message: "SET_WIDGET_URL is malformed: data.iFrameUrl: expected an http(s) URL" } } }],
      },
    },
    {
      name: "SET_WIDGET_URL: recorded, and the widget moves to the new address",
      send: { type: "SET_WIDGET_URL", data: { iFrameUrl: moved.href } },
      expected: none(),
      widgetUrl: moved.href,
    },
  ];
}

/** The engagements HubSpot holds after the script. */
export const ENGAGEMENTS_AFTER = [
  { engagementId: FIRST_ENGAGEMENT_ID, properties: { hs_call_body: "Resolved issue", hs_timestamp: "1700000000000" } },
  { engagementId: FIRST_ENGAGEMENT_ID + 1, properties: {} },
];
