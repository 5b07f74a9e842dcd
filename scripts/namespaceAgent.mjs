// Runs inside the network namespace scripts/loopbackNamespace.mjs opens
// (`unshare --net`, only `lo`, brought up before this starts): it holds the
// namespace for as long as its parent keeps its stdin open, and carries TCP
// between the namespace and the test process over Unix sockets in a
// directory both see (a path-bound Unix socket is not tied to a network
// namespace, a TCP one is).
//
//   <dir>/reach.sock  a connection that starts with "PORT\n" is joined to
//                     127.0.0.1:PORT inside the namespace.
//   stdin  {"id":1,"expose":"/path/to/host.sock"}  listen on 127.0.0.1:0 in
//          the namespace and join each connection to that Unix socket;
//   stdout {"id":1,"port":40123}                    the port it listens on.
import { createConnection, createServer } from "node:net";
import { createInterface } from "node:readline";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node namespaceAgent.mjs <socket directory>");

const join2 = (a, b) => {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.pipe(b);
  b.pipe(a);
};

// Test process -> namespace.
createServer((client) => {
  let head = Buffer.alloc(0);
  const onData = (data) => {
    head = Buffer.concat([head, data]);
    const newline = head.indexOf(10);
    if (newline < 0) {
      if (head.length > 8) client.destroy();
      return;
    }
    client.off("data", onData);
    client.pause();
    const port = Number(head.subarray(0, newline).toString("latin1"));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      client.destroy();
      return;
    }
    const inside = createConnection({ host: "127.0.0.1", port });
    const rest = head.subarray(newline + 1);
    if (rest.length > 0) inside.write(rest);
    join2(client, inside);
  };
  client.on("data", onData);
  client.on("error", () => undefined);
}).listen(join(dir, "reach.sock"), () => process.stdout.write(JSON.stringify({ ready: true }) + "\n"));

// Namespace -> test process.
createInterface({ input: process.stdin }).on("line", (line) => {
  const { id, expose } = JSON.parse(line);
  const server = createServer((inside) => join2(inside, createConnection({ path: expose })));
  server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ id, port: server.address().port }) + "\n"));
});
// The test process is gone (or closed the namespace): nothing stays behind.
process.stdin.on("end", () => process.exit(0));
