package dev.drydock.registry;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A minimal XML tree for S3 responses, read with a StAX parser that refuses DTDs and external
 * entities (so no entity expansion or file/network access), with caps on size, depth and element
 * count. Namespaces are dropped: S3 answers in one namespace (or none, from some servers).
 */
final class S3Xml {
  static final int MAX_BYTES = 8 << 20;
  private static final int MAX_DEPTH = 16;
  private static final int MAX_ELEMENTS = 200_000;

  /** An element: its local name, its text (trimmed) and its child elements. */
  record Element(String name, String text, List<Element> children) {
    @Nullable Element child(String childName) {
      for (Element e : children) {
        if (e.name().equals(childName)) {
          return e;
        }
      }
      return null;
    }

    List<Element> all(String childName) {
      List<Element> out = new ArrayList<>();
      for (Element e : children) {
        if (e.name().equals(childName)) {
          out.add(e);
        }
      }
      return out;
    }

    /** {@return the text of the named child, or "" when absent} */
    String text(String childName) {
      Element e = child(childName);
      return e == null ? "" : e.text();
    }
  }

  private S3Xml() {}

  /**
   * Parses a response body.
   *
   * @throws IllegalArgumentException when it is not well-formed, has a DTD, or exceeds the caps
   */
  static Element parse(byte[] body) {
    if (body.length > MAX_BYTES) {
      throw new IllegalArgumentException("S3 XML answer of " + body.length + " bytes is too large");
    }
    // The JDK's own parser, whatever else is on the class path: Woodstox (a scanner dependency)
    // would be picked by newFactory() and refuses the JAXP hardening property below.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
      List<Builder> stack = new ArrayList<>();
      Element root = null;
      int elements = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD ->
              throw new IllegalArgumentException("S3 XML answer has a DTD, which is refused");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new IllegalArgumentException("S3 XML answer has an entity reference");
          case XMLStreamConstants.START_ELEMENT -> {
            if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
              throw new IllegalArgumentException("S3 XML answer is too deep or too long");
            }
            stack.add(new Builder(reader.getLocalName()));
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!stack.isEmpty()) {
              stack.getLast().text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Builder done = stack.removeLast();
            Element element =
                new Element(done.name, done.text.toString().strip(), List.copyOf(done.children));
            if (stack.isEmpty()) {
              root = element;
            } else {
              stack.getLast().children.add(element);
            }
          }
          default -> {
            // comments, processing instructions, whitespace: ignored
          }
        }
      }
      if (root == null) {
        throw new IllegalArgumentException("S3 XML answer has no root element");
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("S3 answer is not well-formed XML: " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException e) {
          // nothing held open: the input is a byte array
        }
      }
    }
  }

  /** An element being read. */
  private static final class Builder {
    final String name;
    final StringBuilder text = new StringBuilder();
    final List<Element> children = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }
  }

  /** Escapes text for an element body (part ETags carry quotes). */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
