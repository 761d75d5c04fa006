/**
 * LeadRank's HTTP server: Next.js behind a few lines that decide the client's address and
 * answer methods no route takes before any of the app sees the request. Run by
 * scripts/start.ts (`npm run dev|start|demo`).
 *
 * Next.js keeps an X-Forwarded-For the client sent, so a sign-in limit per address could be
 * reset by changing the header. Here it is replaced by the one address worked out from the
 * connection and LEADRANK_TRUST_PROXY (lib/auth/client-ip.ts); with no trusted proxy, the
 * other forwarded headers a client sent go too, and Next.js fills them from the connection.
 */
import { createServer } from "node:http";
import next from "next";
// Run by Node itself (its type stripping), not through tsx: tsx's loader hooks cost every module
// Next.js loads (measured: up to a second of CPU more for a 100k-row upload). Hence the
// relative imports with their extension, of modules that import nothing.
import { methodNotAllowed } from "../lib/api/methods.ts";
import { clientAddress, trustedProxies } from "../lib/auth/client-ip.ts";

const dev = process.argv[2] === "dev";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const trusted = trustedProxies();

const app = next({ dev, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((request, response) => {
  // TRACE, CONNECT and the like never reach Next.js (it answered them 500, with a stack trace
  // in the log each time), and an API method a route lacks gets the Allow header Next.js leaves out.
  const notAllowed = methodNotAllowed(request.method ?? "", new URL(request.url ?? "/", "http://localhost").pathname);
  if (notAllowed) {
    response.writeHead(405, { Allow: notAllowed.allow, "Content-Type": "application/json" }).end(JSON.stringify(notAllowed.body));
    return;
  }
  request.headers["x-forwarded-for"] = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
  if (trusted === 0) for (const header of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]) delete request.headers[header];
  void handle(request, response);
});
// An idle kept-alive connection is closed by the client (or the proxy in front), not by the
// server: a server that closes it after Node's default 5 s races a client sending its next
// request on it, which then fails with ECONNRESET (seen in the browser tests).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port, hostname);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
