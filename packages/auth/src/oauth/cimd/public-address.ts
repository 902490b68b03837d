import ipaddr from "ipaddr.js";

/**
 * Whether an address is an ordinary public unicast one. Loopback, private (RFC 1918, RFC 4193),
 * link-local, carrier-grade NAT, multicast, reserved and unspecified ranges are not, and neither is an
 * IPv4 address hidden in IPv6 (`::ffff:10.0.0.1`): a client metadata URL must not reach inside the
 * coordinator's network [draft-ietf-oauth-client-id-metadata-document-02 §8.6].
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === "unicast";
}

/** An IP literal in a URL host (`127.0.0.1`, `[::1]`), which is connected to without a DNS lookup. */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare);
}
