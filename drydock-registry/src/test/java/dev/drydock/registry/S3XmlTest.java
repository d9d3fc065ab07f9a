package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3XmlTest {
  static S3Xml.Element parse(String xml) {
    return S3Xml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAListingWithNamespace() {
    S3Xml.Element root =
        parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<IsTruncated>true</IsTruncated><NextContinuationToken>t&amp;1</NextContinuationToken>"
                + "<Contents><Key>a</Key><Size>3</Size></Contents>"
                + "<Contents><Key>b</Key><Size>4</Size></Contents><!-- c --></ListBucketResult>");
    assertThat(root.name()).isEqualTo("ListBucketResult");
    assertThat(root.text("NextContinuationToken")).isEqualTo("t&1");
    assertThat(root.all("Contents")).extracting(e -> e.text("Key")).containsExactly("a", "b");
    assertThat(root.text("Missing")).isEmpty();
    assertThat(root.child("Missing")).isNull();
  }

  @Test
  void refusesDtdsAndExternalEntities() {
    assertThatThrownBy(
            () ->
                parse(
                    "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Error><Code>&x;</Code></Error>"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                parse(
                    "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><E>&b;</E>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesMalformedDeepAndHugeInput() {
    assertThatThrownBy(() -> parse("<a><b></a>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("<a>".repeat(40) + "</a>".repeat(40)))
        .hasMessageContaining("too deep");
    assertThatThrownBy(() -> S3Xml.parse(new byte[S3Xml.MAX_BYTES + 1]))
        .hasMessageContaining("too large");
  }

  @Test
  void escapesText() {
    assertThat(S3Xml.escape("\"e<t>'&")).isEqualTo("&quot;e&lt;t&gt;&apos;&amp;");
    assertThat(parse("<E>" + S3Xml.escape("\"x&y\"") + "</E>").text()).isEqualTo("\"x&y\"");
  }
}
