package io.agentry.registry.service;

import io.netty.util.NetUtil;
import java.util.Locale;

/** The keys that login and registration attempts are counted under. */
final class ThrottleKeys {

  /** Longer values are not addresses; they are cut so that one cannot fill memory. */
  private static final int MAX_KEY_LENGTH = 64;

  private ThrottleKeys() {}

  /**
   * The key of a client address: an IPv4 address as it is, an IPv6 address as its /64 network (one
   * subscriber usually holds a whole /64), anything else (not an IP literal) as it is, cut short.
   */
  static String address(String address) {
    if (address == null || address.isEmpty()) {
      return "unknown";
    }
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(address);
    if (ip == null) {
      return address.length() <= MAX_KEY_LENGTH ? address : address.substring(0, MAX_KEY_LENGTH);
    }
    if (ip.length == 16 && isIpv4Mapped(ip)) {
      return (ip[12] & 0xff)
          + "."
          + (ip[13] & 0xff)
          + "."
          + (ip[14] & 0xff)
          + "."
          + (ip[15] & 0xff);
    }
    if (ip.length == 16) {
      return String.format(
          "%x:%x:%x:%x::/64", group(ip, 0), group(ip, 2), group(ip, 4), group(ip, 6));
    }
    return NetUtil.bytesToIpAddress(ip);
  }

  /**
   * The key of a username: the name in lower case (names are unique in any letter case), or null
   * for a name that no account can have, which has no account to protect.
   */
  static String username(String username) {
    return Credentials.isUsername(username) ? username.toLowerCase(Locale.ROOT) : null;
  }

  private static boolean isIpv4Mapped(byte[] ip) {
    for (int i = 0; i < 10; i++) {
      if (ip[i] != 0) {
        return false;
      }
    }
    return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
  }

  private static int group(byte[] ip, int offset) {
    return ((ip[offset] & 0xff) << 8) | (ip[offset + 1] & 0xff);
  }
}
