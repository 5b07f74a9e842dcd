// A plain SIP user agent (SIP over UDP, RTP/AVP, no WebRTC) as the far end
// of the RFC 4733 tests: a child process of the test (inside the SIP tests'
// network namespace when there is one), so that what arrives at the far
// end is observed as raw packets, not through a browser's API.
//
//   node plainSipFarEnd.mjs '{"server":{"host":"127.0.0.1","port":5060},"domain":"sip.test",
//                            "lines":[{"user":"+1...","password":"...","telephoneEvent":true}]}'
//
// It registers each line (digest auth), answers every INVITE for a line
// (100, 180, 200 with an RTP/AVP answer: PCMU, plus telephone-event/8000
// when the line has `telephoneEvent` and the offer has it), sends PCMU
// back every 20 ms, accepts INFO and BYE, and reports on stdout, one JSON
// object a line:
//   {"type":"registered","user"}  {"type":"invite","user","sdp"}  {"type":"answered","user","sdp"}
//   {"type":"info","user","contentType","body"}  {"type":"bye","user"}
//   {"type":"dtmf","user","digit","event","end","volume","duration","timestamp","payloadType","packets"}
//     once per RFC 4733 event, when its first end packet arrives
//   {"type":"stats","user","audioPackets","eventPackets","otherPackets"}  in answer to "stats\n" on stdin
import { createHash, randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { createInterface } from "node:readline";

const config = JSON.parse(process.argv[2] ?? "{}");
const HOST = "127.0.0.1";
const EVENTS = "0123456789*#ABCD";
const say = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const token = () => randomBytes(8).toString("hex");
const md5 = (text) => createHash("md5").update(text).digest("hex");

/** One SIP message: start line, headers (name lower-cased, in order), body. */
function parse(text) {
  const split = text.indexOf("\r\n\r\n");
  const head = (split < 0 ? text : text.slice(0, split)).split("\r\n");
  const body = split < 0 ? "" : text.slice(split + 4);
  const COMPACT = { v: "via", f: "from", t: "to", i: "call-id", m: "contact", l: "content-length", c: "content-type" };
  const headers = [];
  for (const line of head.slice(1)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += " " + line.trim();
      continue;
    }
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push({ name: COMPACT[name] ?? name, raw: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  const first = head[0].split(" ");
  const get = (name) => headers.find((header) => header.name === name)?.value;
  const all = (name) => headers.filter((header) => header.name === name).map((header) => header.value);
  return first[0] === "SIP/2.0"
    ? { response: true, status: Number(first[1]), headers, body, get, all }
    : { response: false, method: first[0], uri: first[1], headers, body, get, all };
}

const userOf = (uri) => /sip:([^@;>]+)@/.exec(uri ?? "")?.[1];

/** Parses the parts of an SDP offer this far end needs. */
function parseSdp(sdp) {
  const lines = sdp.split(/\r?\n/);
  const media = lines.find((line) => line.startsWith("m=audio"))?.split(" ") ?? [];
  const connection = lines.find((line) => line.startsWith("c=IN IP4"))?.split(" ")[2];
  const rtpmap = new Map();
  for (const line of lines) {
    const match = /^a=rtpmap:(\d+) ([^/]+)\/(\d+)/.exec(line);
    if (match) rtpmap.set(Number(match[1]), { name: match[2].toLowerCase(), rate: Number(match[3]) });
  }
  const payloadTypes = media.slice(3).map(Number);
  const find = (name, rate) => payloadTypes.find((pt) => rtpmap.get(pt)?.name === name && rtpmap.get(pt)?.rate === rate);
  return { address: connection, port: Number(media[1]), profile: media[2], pcmu: payloadTypes.includes(0) ? 0 : undefined, telephoneEvent: find("telephone-event", 8000) };
}

const sip = createSocket("udp4");
const rtpSockets = [];
let cseq = 1;
const lines = new Map((config.lines ?? []).map((line) => [line.user, { ...line, registerCallId: token(), calls: new Map() }]));

function send(text, port, address) {
  sip.send(Buffer.from(text), port, address);
}

function respond(request, rinfo, status, reason, extra = {}) {
  const lines2 = [`SIP/2.0 ${status} ${reason}`];
  for (const header of request.headers) {
    if (header.name === "via" || (header.name === "record-route" && status > 100 && status < 300)) lines2.push(`${header.raw}: ${header.value}`);
  }
  let to = request.get("to");
  if (extra.toTag && !/;tag=/.test(to)) to += `;tag=${extra.toTag}`;
  lines2.push(`From: ${request.get("from")}`, `To: ${to}`, `Call-ID: ${request.get("call-id")}`, `CSeq: ${request.get("cseq")}`);
  if (extra.contact) lines2.push(`Contact: ${extra.contact}`);
  const body = extra.sdp ?? "";
  if (body) lines2.push("Content-Type: application/sdp");
  lines2.push(`Content-Length: ${Buffer.byteLength(body)}`, "", body);
  const text = lines2.join("\r\n");
  send(text, rinfo.port, rinfo.address);
  return text;
}

function register(line, authorization) {
  const { port } = sip.address();
  const uri = `sip:${config.domain}`;
  const text = [
    `REGISTER ${uri} SIP/2.0`,
    `Via: SIP/2.0/UDP ${HOST}:${port};branch=z9hG4bK${token()};rport`,
    "Max-Forwards: 70",
    `From: <sip:${line.user}@${config.domain}>;tag=${line.registerCallId.slice(0, 8)}`,
    `To: <sip:${line.user}@${config.domain}>`,
    `Call-ID: ${line.registerCallId}`,
    `CSeq: ${cseq++} REGISTER`,
    `Contact: <sip:${line.user}@${HOST}:${port}>`,
    "Expires: 600",
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    "User-Agent: hubspot-calling-kit-tests plain far end",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
  send(text, config.server.port, config.server.host);
}

function digest(line, challenge) {
  const field = (name) => new RegExp(`${name}="?([^",]+)"?`).exec(challenge)?.[1];
  const realm = field("realm");
  const nonce = field("nonce");
  const qop = field("qop");
  const uri = `sip:${config.domain}`;
  const ha1 = md5(`${line.user}:${realm}:${line.password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  if (qop) {
    const cnonce = token();
    const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`);
    return `Digest username="${line.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}"`;
  }
  return `Digest username="${line.user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${md5(`${ha1}:${nonce}:${ha2}`)}", algorithm=MD5`;
}

/** An RTP socket for one call: decodes what arrives, sends PCMU silence back. */
async function openRtp(line, call) {
  const socket = createSocket("udp4");
  rtpSockets.push(socket);
  await new Promise((done) => socket.bind(0, HOST, done));
  const events = new Map(); // RTP timestamp -> { packets, reported }
  socket.on("message", (packet) => {
    if (packet.length < 12 || packet[0] >> 6 !== 2) return;
    const payloadType = packet[1] & 0x7f;
    let offset = 12 + 4 * (packet[0] & 0x0f);
    if (packet[0] & 0x10) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
    const payload = packet.subarray(offset, packet[0] & 0x20 ? packet.length - packet[packet.length - 1] : packet.length);
    if (payloadType === call.telephoneEvent && payload.length >= 4) {
      call.stats.eventPackets++;
      const timestamp = packet.readUInt32BE(4);
      const seen = events.get(timestamp) ?? { packets: 0, reported: false };
      seen.packets++;
      events.set(timestamp, seen);
      const end = (payload[1] & 0x80) !== 0;
      if (end && !seen.reported) {
        seen.reported = true;
        say({
          type: "dtmf",
          user: line.user,
          digit: EVENTS[payload[0]] ?? null,
          event: payload[0],
          end,
          volume: payload[1] & 0x3f,
          duration: payload.readUInt16BE(2),
          timestamp,
          payloadType,
          packets: seen.packets,
        });
      }
    } else if (payloadType === call.audio) {
      call.stats.audioPackets++;
    } else {
      call.stats.otherPackets++;
    }
  });
  return socket;
}

function startSending(call, socket, remote) {
  const ssrc = randomBytes(4).readUInt32BE(0);
  let sequence = randomBytes(2).readUInt16BE(0);
  let timestamp = randomBytes(4).readUInt32BE(0);
  call.sender = setInterval(() => {
    const packet = Buffer.alloc(12 + 160, 0xff); // PCMU silence
    packet[0] = 0x80;
    packet[1] = call.audio;
    packet.writeUInt16BE(sequence, 2);
    packet.writeUInt32BE(timestamp >>> 0, 4);
    packet.writeUInt32BE(ssrc, 8);
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + 160) >>> 0;
    socket.send(packet, remote.port, remote.address);
  }, 20);
}

async function onInvite(request, rinfo) {
  const user = userOf(request.uri);
  const line = lines.get(user);
  const callId = request.get("call-id");
  if (!line) return respond(request, rinfo, 404, "Not Found");
  const known = line.calls.get(callId);
  if (known) {
    // A retransmission, or a re-INVITE (answered with the same media).
    if (known.lastInvite === request.get("cseq")) return send(known.lastResponse, rinfo.port, rinfo.address);
    known.lastInvite = request.get("cseq");
    known.lastResponse = respond(request, rinfo, 200, "OK", { toTag: known.tag, contact: known.contact, sdp: known.answer });
    return;
  }
  say({ type: "invite", user, sdp: request.body });
  const offer = parseSdp(request.body);
  const call = { tag: token(), stats: { audioPackets: 0, eventPackets: 0, otherPackets: 0 }, lastInvite: request.get("cseq") };
  line.calls.set(callId, call);
  respond(request, rinfo, 100, "Trying");
  if (offer.pcmu === undefined) {
    call.lastResponse = respond(request, rinfo, 488, "Not Acceptable Here", { toTag: call.tag });
    return;
  }
  call.audio = 0;
  call.telephoneEvent = line.telephoneEvent ? offer.telephoneEvent : undefined;
  const socket = await openRtp(line, call);
  call.socket = socket;
  const { port } = sip.address();
  call.contact = `<sip:${user}@${HOST}:${port}>`;
  respond(request, rinfo, 180, "Ringing", { toTag: call.tag, contact: call.contact });
  const formats = [0, ...(call.telephoneEvent === undefined ? [] : [call.telephoneEvent])];
  const id = Date.now();
  call.answer = [
    "v=0",
    `o=- ${id} ${id} IN IP4 ${HOST}`,
    "s=-",
    `c=IN IP4 ${HOST}`,
    "t=0 0",
    `m=audio ${socket.address().port} RTP/AVP ${formats.join(" ")}`,
    "a=rtpmap:0 PCMU/8000",
    ...(call.telephoneEvent === undefined ? [] : [`a=rtpmap:${call.telephoneEvent} telephone-event/8000`, `a=fmtp:${call.telephoneEvent} 0-15`]),
    "a=ptime:20",
    "a=sendrecv",
    "",
  ].join("\r\n");
  call.lastResponse = respond(request, rinfo, 200, "OK", { toTag: call.tag, contact: call.contact, sdp: call.answer });
  startSending(call, socket, { address: offer.address ?? HOST, port: offer.port });
  say({ type: "answered", user, sdp: call.answer });
}

function endCall(line, callId) {
  const call = line?.calls.get(callId);
  if (!call) return;
  clearInterval(call.sender);
  call.ended = true;
}

sip.on("message", (buffer, rinfo) => {
  const message = parse(buffer.toString("utf8"));
  if (message.response) {
    const method = message.get("cseq")?.split(" ")[1];
    if (method !== "REGISTER") return;
    const line = [...lines.values()].find((candidate) => candidate.registerCallId === message.get("call-id"));
    if (!line) return;
    if (message.status === 401 && !line.triedAuth) {
      line.triedAuth = true;
      register(line, digest(line, message.get("www-authenticate")));
    } else if (message.status === 200) {
      say({ type: "registered", user: line.user });
    } else if (message.status >= 300) {
      say({ type: "error", user: line.user, message: `REGISTER answered ${message.status}` });
    }
    return;
  }
  const line = lines.get(userOf(message.uri)) ?? [...lines.values()].find((candidate) => candidate.calls.has(message.get("call-id")));
  switch (message.method) {
    case "INVITE":
      void onInvite(message, rinfo);
      break;
    case "ACK":
      break;
    case "INFO":
      respond(message, rinfo, 200, "OK");
      say({ type: "info", user: line?.user, contentType: message.get("content-type"), body: message.body });
      break;
    case "BYE":
      respond(message, rinfo, 200, "OK");
      endCall(line, message.get("call-id"));
      say({ type: "bye", user: line?.user });
      break;
    case "CANCEL":
      respond(message, rinfo, 200, "OK");
      endCall(line, message.get("call-id"));
      break;
    default:
      respond(message, rinfo, 405, "Method Not Allowed");
  }
});

createInterface({ input: process.stdin }).on("line", (command) => {
  if (command.trim() !== "stats") return;
  for (const line of lines.values()) {
    const totals = { audioPackets: 0, eventPackets: 0, otherPackets: 0 };
    for (const call of line.calls.values()) for (const key of Object.keys(totals)) totals[key] += call.stats[key];
    say({ type: "stats", user: line.user, ...totals });
  }
});
process.stdin.on("end", () => process.exit(0));

sip.bind(0, HOST, () => {
  for (const line of lines.values()) register(line);
});
