import { assertShape, checkShape, INVALID, type Shape } from "../sdk/validate";
import type { CallingClientOptions } from "./options";
import { INITIALIZE } from "./widgetMessages";

const hasMethod =
  (name: string) =>
  (value: unknown, path: string, issues: string[]): unknown =>
    typeof (value as Record<string, unknown> | null)?.[name] === "function"
      ? value
      : (issues.push(`${path}: expected an object with ${name}()`), INVALID);
const OPTIONS: Shape = {
  provider: hasMethod("dial"),
  "writer?": hasMethod("write"),
  "transport?": hasMethod("send"),
  "initialize?": (value, path, issues) => (value === false || checkShape(INITIALIZE, value, path, issues), value),
  "createEngagement?": "b",
  "engagementIdTimeout?": "n",
  "logPhoneNumbers?": "b",
  "autoStart?": "b",
  "surfaces?": hasMethod("create"),
};

/** Throws `ValidationError` naming every bad option of `createCallingClient()`. @internal */
export function assertClientOptions(options: CallingClientOptions): void {
  assertShape("createCallingClient() options", OPTIONS, options);
}
