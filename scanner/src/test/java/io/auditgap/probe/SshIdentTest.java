package io.auditgap.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshIdentTest {
  private static SshIdent.Ident parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return SshIdent.parse(b, b.length);
  }

  @Test
  void parsesOpenSshIdentification() {
    SshIdent.Ident id = parse("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n\0\0\0");
    assertEquals("2.0", id.protoVersion());
    assertEquals("OpenSSH_9.2p1", id.software());
    assertEquals("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", id.line());
    assertTrue(id.speaksSsh2());
    assertEquals(40, id.consumed());
  }

  @Test
  void skipsLinesBeforeTheIdentificationAndAcceptsBareLf() {
    SshIdent.Ident id = parse("hello there\r\nwelcome\nSSH-1.99-Cisco-1.25\n");
    assertEquals("1.99", id.protoVersion());
    assertEquals("Cisco-1.25", id.software());
    assertTrue(id.speaksSsh2());
  }

  @Test
  void incompleteOrForeignGreetingsAreNotIdentifications() {
    assertNull(parse("SSH-2.0-OpenSSH_9.2p1"));
    assertNull(parse("HTTP/1.0 400 Bad Request\r\n"));
    byte[] http = "HTTP/1.0 400 Bad\r\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(SshIdent.Scan.MORE, SshIdent.scan(http, http.length));
    byte[] bin = {'x', 0, 1, 2};
    assertEquals(SshIdent.Scan.NOT_SSH, SshIdent.scan(bin, bin.length));
    assertEquals(SshIdent.Scan.NOT_SSH, SshIdent.scan(new byte[4096], 4096));
  }

  @Test
  void sanitizesControlCharactersAndCapsLength() {
    SshIdent.Ident id = parse("SSH-2.0-Evil\u001b[31mRed\u0007 " + "x".repeat(400) + "\r\n");
    assertTrue(id.line().chars().allMatch(c -> c >= 0x20 && c < 0x7f), id.line());
    assertEquals("Evil?[31mRed?", id.software());
    assertEquals(SshIdent.MAX_BANNER, id.line().length());
    assertTrue(id.line().endsWith("..."));
    assertEquals(
        "HTTP/1.0 400 Bad Request",
        SshIdent.excerpt("HTTP/1.0 400 Bad Request\r\nX: y".getBytes(), 30));
  }
}
