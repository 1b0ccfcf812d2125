package io.agentry.wire;

/**
 * Strict UTF-8 checks (RFC 3629), stricter than Jackson's decoder, which lets overlong forms pass.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Offset of the first byte that is a NUL or not part of well-formed UTF-8, or -1 when there is
   * none. Overlong forms, UTF-16 surrogates and code points above U+10FFFF are malformed.
   */
  static int firstBadByte(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b0 = bytes[i];
      if (b0 > 0) {
        i++;
        continue;
      }
      if (b0 == 0) {
        return i;
      }
      b0 &= 0xFF;
      int length = b0 < 0xC2 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : b0 < 0xF5 ? 4 : 0;
      if (length == 0 || i + length > n) {
        return i;
      }
      int b1 = bytes[i + 1] & 0xFF;
      boolean secondOk =
          switch (b0) {
            case 0xE0 -> b1 >= 0xA0 && b1 <= 0xBF; // no overlong 3-byte forms
            case 0xED -> b1 >= 0x80 && b1 <= 0x9F; // no surrogates
            case 0xF0 -> b1 >= 0x90 && b1 <= 0xBF; // no overlong 4-byte forms
            case 0xF4 -> b1 >= 0x80 && b1 <= 0x8F; // nothing above U+10FFFF
            default -> isContinuation(b1);
          };
      if (!secondOk) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        if (!isContinuation(bytes[i + k] & 0xFF)) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  /** Number of bytes {@code text} takes in UTF-8, or -1 if it holds an unpaired surrogate. */
  static int encodedLength(String text) {
    int bytes = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static boolean isContinuation(int b) {
    return (b & 0xC0) == 0x80;
  }
}
