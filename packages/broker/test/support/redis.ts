import { createConnection } from "node:net";

/** Deletes every key under a prefix (SCAN + DEL through a raw RESP connection; no client library). */
export async function deleteRedisKeys(prefix: string, port = 6379): Promise<void> {
  const socket = createConnection(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const lua =
    "local n=0 for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n=n+1 end return n";
  const args = ["EVAL", lua, "0", `${prefix}*`];
  socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
  await new Promise<void>((resolve) => socket.once("data", () => resolve()));
  socket.destroy();
}

export async function countRedisKeys(prefix: string, port = 6379): Promise<number> {
  const socket = createConnection(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const args = ["EVAL", "return #redis.call('KEYS', ARGV[1])", "0", `${prefix}*`];
  socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
  const reply = await new Promise<string>((resolve) => socket.once("data", (d) => resolve(d.toString())));
  socket.destroy();
  return Number(reply.slice(1));
}
