import net from "node:net";

/**
 * For tests: a TCP relay to a database server that a test can cut and restore. With the relay
 * down the database is unreachable exactly as a stopped server is (connections refused, open
 * ones dropped); `up()` again listens on the same port.
 */
export function relayTo(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const relay = {
    port: 0,
    async up() {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(relay.port, "127.0.0.1", resolve));
      relay.port = (server.address() as net.AddressInfo).port;
    },
    async down() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server?.close(resolve));
    },
  };
  return relay;
}
