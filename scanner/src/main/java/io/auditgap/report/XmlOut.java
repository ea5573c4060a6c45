package io.auditgap.report;

import java.io.IOException;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An indented XML document written through the JDK's {@link XMLStreamWriter}, which does the
 * escaping ({@code < & > "}), so markup in host text stays text. What the StAX writer leaves to its
 * caller is done here: characters XML 1.0 cannot carry at all (C0 controls, unpaired surrogates,
 * U+FFFE/U+FFFF) become U+FFFD, and attribute values are kept on one line, since a parser would
 * turn their line breaks and tabs into spaces anyway. The text the reports pass in is already
 * neutralised; this makes the XML well-formed whatever it is given.
 */
final class XmlOut implements AutoCloseable {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final XMLStreamWriter xml;
  private int depth;

  XmlOut(Writer out) throws IOException {
    try {
      xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** {@code <name a="v" ...>} on its own line; attributes as name, value pairs (null: left out). */
  XmlOut start(String name, String... attributes) throws IOException {
    return open(name, false, attributes);
  }

  /** {@code <name a="v" .../>} on its own line. */
  XmlOut empty(String name, String... attributes) throws IOException {
    return open(name, true, attributes);
  }

  /** {@code <name a="v">text</name>} on its own line. */
  XmlOut element(String name, String text, String... attributes) throws IOException {
    open(name, false, attributes);
    try {
      xml.writeCharacters(xmlChars(text));
      xml.writeEndElement();
      depth--;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return this;
  }

  /** Closes the innermost open element on its own line. */
  XmlOut end() throws IOException {
    depth--;
    try {
      newline();
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return this;
  }

  private XmlOut open(String name, boolean empty, String... attributes) throws IOException {
    try {
      newline();
      if (empty) {
        xml.writeEmptyElement(name);
      } else {
        xml.writeStartElement(name);
        depth++;
      }
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        if (attributes[i + 1] != null) {
          xml.writeAttribute(attributes[i], oneLine(xmlChars(attributes[i + 1])));
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return this;
  }

  private void newline() throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  @Override
  public void close() throws IOException {
    try {
      xml.writeEndDocument();
      xml.writeCharacters("\n");
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Every character XML 1.0 allows kept, every other one (or an unpaired half) as U+FFFD. */
  static String xmlChars(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok = c == '\n' || c == '\t' || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
      if (!ok && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '\ufffd');
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\t', ' ');
  }
}
