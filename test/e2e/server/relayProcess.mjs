// A relay as a vendor runs it, for the restart tests: the built package
// (dist/server.js), the default configuration of createRelayHandler and
// createCallsApiWriter (only the retry pace is made quick), and a SIGTERM
// handler like examples/node-relay's (connections cut, then exit). SIGKILL is
// the crash. Extra writer options come as JSON in RELAY_WRITER_OPTIONS.
import { createServer } from "node:http";
import { createCallsApiWriter, createRelayHandler, toNodeListener } from "../../../dist/server.js";

const env = process.env;
const writer = createCallsApiWriter({
  accessToken: env.HUBSPOT_ACCESS_TOKEN,
  baseUrl: env.HUBSPOT_BASE_URL,
  retry: { baseDelayMs: 1, maxDelayMs: 20 },
  ...JSON.parse(env.RELAY_WRITER_OPTIONS ?? "{}"),
});
const relay = createRelayHandler({
  writer,
  authenticate: (request) => request.headers.get("authorization") === `Bearer ${env.RELAY_SECRET}`,
});
const server = createServer(toNodeListener(relay));
server.listen(Number(env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`relay listening on port ${typeof address === "object" && address ? address.port : "?"}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
