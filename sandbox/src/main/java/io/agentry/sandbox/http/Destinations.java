package io.agentry.sandbox.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses an agent may not reach unless the operator allows private destinations: loopback,
 * private (RFC 1918, RFC 4193), link-local (169.254.0.0/16 with the cloud metadata address,
 * fe80::/10), multicast, unspecified, shared (CGNAT 100.64.0.0/10) and the other special-purpose
 * ranges of the IANA registries, also when written as an IPv4-mapped, IPv4- compatible, NAT64 or
 * 6to4 IPv6 address.
 */
public final class Destinations {

  private Destinations() {}

  /** True for an address that is not a public unicast destination. */
  public static boolean isSpecial(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return isSpecialV4(bytes, 0);
    }
    if (address instanceof Inet6Address) {
      return isSpecialV6(bytes);
    }
    return true;
  }

  private static boolean isSpecialV4(byte[] b, int at) {
    int a0 = b[at] & 0xFF;
    int a1 = b[at + 1] & 0xFF;
    int a2 = b[at + 2] & 0xFF;
    return a0 == 0 // "this network"
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && (a1 & 0xC0) == 64) // shared address space, CGNAT
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && (a1 & 0xF0) == 16)
        || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
        || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
        || (a0 == 192 && a1 == 168)
        || (a0 == 198 && (a1 & 0xFE) == 18) // benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
        || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
        || a0 >= 224; // multicast, reserved, broadcast
  }

  private static boolean isSpecialV6(byte[] b) {
    int first = b[0] & 0xFF;
    if ((first & 0xFE) == 0xFC) {
      return true; // unique local fc00::/7
    }
    if (first == 0xFF) {
      return true; // multicast
    }
    if (first == 0xFE && (b[1] & 0xC0) == 0x80) {
      return true; // link-local fe80::/10
    }
    if (first == 0xFE && (b[1] & 0xC0) == 0xC0) {
      return true; // site-local fec0::/10 (deprecated)
    }
    if (startsWithZeros(b, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return isSpecialV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (startsWithZeros(b, 12)) {
      return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
    }
    if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
      return startsWithZerosFrom(b, 4, 12) ? isSpecialV4(b, 12) : true; // NAT64 64:ff9b::/96
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return isSpecialV4(b, 2); // 6to4 2002::/16 carries an IPv4 address
    }
    if (b[0] == 0x20 && b[1] == 0x01) {
      int b2 = b[2] & 0xFF;
      int b3 = b[3] & 0xFF;
      // 2001::/23 IETF protocol assignments (Teredo included), 2001:db8::/32 documentation
      return b2 < 0x02 || (b2 == 0x0D && b3 == 0xB8);
    }
    if (b[0] == 0x01 && b[1] == 0x00 && startsWithZerosFrom(b, 2, 8)) {
      return true; // discard-only 100::/64
    }
    return false;
  }

  private static boolean startsWithZeros(byte[] b, int count) {
    return startsWithZerosFrom(b, 0, count);
  }

  private static boolean startsWithZerosFrom(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
