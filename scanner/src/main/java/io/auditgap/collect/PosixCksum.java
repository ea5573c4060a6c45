package io.auditgap.collect;

/**
 * The checksum of POSIX {@code cksum}: CRC-32 (polynomial 0x04C11DB7, most significant bit first)
 * over the data followed by its length in as few bytes as needed, complemented. Every Unix has the
 * tool, so a host needs nothing extra to seal a bundle.
 */
final class PosixCksum {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
      TABLE[i] = c;
    }
  }

  private PosixCksum() {}

  static long of(byte[] data, int off, int len) {
    int crc = 0;
    for (int i = off; i < off + len; i++) {
      crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
    }
    for (long n = len; n != 0; n >>>= 8) {
      crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ (int) n) & 0xff];
    }
    return ~crc & 0xffffffffL;
  }
}
