import type {
  ErrorPayload,
  NavigateToRecordPayload,
  OutboundMessage,
  SetWidgetUrlPayload,
  WidgetSize,
} from "../sdk/messages";
import { assertShape, INVALID, type Shape } from "../sdk/validate";

/** A widget size (`RESIZE_WIDGET`, INITIALIZED's `sizeInfo`). @internal */
export const SIZE: Shape = { width: "size", height: "size" };
/** What `initialize()` and the `initialize` option take. @internal */
export const INITIALIZE: Shape = { "isLoggedIn?": "b", "isAvailable?": "b", "sizeInfo?": SIZE };
const NAVIGATE: Shape = {
  objectCoordinates: { portalId: "id", objectId: "id", objectTypeId: "s" },
  "engagementId?": "id",
  "openIn?": (value, path, issues) =>
    value === "CURRENT_TAB" || value === "NEW_TAB" ? value : (issues.push(`${path}: expected CURRENT_TAB or NEW_TAB`), INVALID),
};

// The messages about the widget itself rather than a call (its size, an
// alert, a record to open, its URL, undocumented call data), validated: a
// bad argument throws `ValidationError` before anything is sent. Shared by
// every kind of client, so each checks the same way. (Plain functions, not an
// object's methods: a bundler can shorten their names.)

/** `RESIZE_WIDGET`, validated. @internal */
export const resizeMessage = (size: WidgetSize): OutboundMessage => ({
  type: "RESIZE_WIDGET",
  data: assertShape("resizeWidget()", SIZE, size) as unknown as WidgetSize,
});

/** `ERROR`, validated. @internal */
export const errorMessage = (payload: ErrorPayload): OutboundMessage => ({
  type: "ERROR",
  data: assertShape("sendError()", { message: "text" }, payload) as unknown as ErrorPayload,
});

/** `NAVIGATE_TO_RECORD`, validated. @internal */
export const navigateMessage = (payload: NavigateToRecordPayload): OutboundMessage => ({
  type: "NAVIGATE_TO_RECORD",
  data: assertShape("navigateToRecord()", NAVIGATE, payload) as unknown as NavigateToRecordPayload,
});

/** `SET_WIDGET_URL`, validated. @internal */
export const widgetUrlMessage = (payload: SetWidgetUrlPayload): OutboundMessage => ({
  type: "SET_WIDGET_URL",
  data: assertShape("setWidgetUrl()", { iFrameUrl: "url" }, payload) as unknown as SetWidgetUrlPayload,
});

/** `CALL_DATA`, validated. @internal */
export const callDataMessage = (data: Record<string, unknown>): OutboundMessage => ({
  type: "CALL_DATA",
  data: assertShape("sendCallData()", { data: "rec" }, { data }).data as Record<string, unknown>,
});
