import { isIPv4, isIPv6 } from 'node:net';

/** Groups of an IPv6 address that one subscriber usually holds all of (a /64). */
const IPV6_SUBSCRIBER_GROUPS = 4;

function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right];
}

/**
 * The key a client address is counted under: an IPv4 address as it is (also when IPv4-mapped), an IPv6
 * address by its /64, since one subscriber can hand itself any address of that block.
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip.split('%')[0]!.toLowerCase());
  return `${groups
    .slice(0, IPV6_SUBSCRIBER_GROUPS)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
