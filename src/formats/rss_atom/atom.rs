//! Atom 1.0 and 0.3: what the reader does differently for them. Their entries are read into
//! the shared tree and converted by [`super::item`] like RSS items; here are Atom's own names in
//! problem paths, and the text constructs' rules.

use super::tree::El;
use super::Fields;

/// An Atom feed's entries and their fields, as problem paths name them.
pub(super) const FIELDS: Fields = Fields { list: "entries", id: "id", published: "published" };

/// Whether content is text in the entry: Atom content of another media type (`type="image/png"`)
/// or out of line (`src=`) is not.
pub(super) fn is_inline_text(c: &El) -> bool {
    let textual = c.attr("type").is_none_or(|t| t.contains("text") || t.contains("html") || t.contains("xml"));
    textual && c.attr("src").is_none()
}

/// Whether `el` is XHTML: Atom 1.0's `type="xhtml"`, or Atom 0.3's
/// `type="application/xhtml+xml"` unless its `mode` says the text is the markup (escaped or
/// base64).
pub(super) fn is_xhtml(el: &El) -> bool {
    let xhtml = el
        .attr("type")
        .is_some_and(|t| t.eq_ignore_ascii_case("xhtml") || t.eq_ignore_ascii_case("application/xhtml+xml"));
    xhtml && el.attr("mode").is_none_or(|mode| mode.eq_ignore_ascii_case("xml"))
}

/// Atom 0.3's `mode="base64"` (a title, summary or content): its text decoded, as feedparser
/// decodes it. Text that is not base64, or not UTF-8 once decoded, stays as written.
pub(super) fn decode_base64_mode(el: &mut El) {
    if el.children.is_empty() && el.attr("mode").is_some_and(|mode| mode.eq_ignore_ascii_case("base64")) {
        if let Some(text) = base64(&el.text).and_then(|bytes| String::from_utf8(bytes).ok()) {
            el.text = text;
        }
    }
}

/// Standard base64 (RFC 4648): white space skipped, the padding optional, `None` for any other
/// character. Hand-written for the wasm's size: the `base64` crate is in the build only under
/// Leptos's server functions, which the page never calls (so none of it is in the bundle), and
/// depending on it here would bring its general engine in for what these few lines do.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u8);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        count += 1;
        if count == 4 {
            let [_, a, b, c] = bits.to_be_bytes();
            bytes.extend([a, b, c]);
            (bits, count) = (0, 0);
        }
    }
    // What is left: two characters make one byte, three make two; one alone is not base64.
    match count {
        0 => {}
        2 => bytes.push((bits >> 4) as u8),
        3 => bytes.extend([(bits >> 10) as u8, (bits >> 2) as u8]),
        _ => return None,
    }
    Some(bytes)
}

/// Atom `type="xhtml"`: the content is inside one `<div xmlns="http://www.w3.org/1999/xhtml">`,
/// which is not part of it. The div, when `el` holds only that.
pub(super) fn xhtml_div(el: &El) -> Option<&El> {
    match el.children.as_slice() {
        [div] if div.name.ends_with("div") && el.text.trim().is_empty() => Some(div),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{read_str, titles};
    use super::super::XmlFormat;
    use super::base64;

    #[test]
    fn atom_text_constructs_bases_and_links() {
        let feed = read_str(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
              <title type="html">Ben &amp;lt;3 Jerry</title><link href="/" /><link rel="self" href="/atom.xml"/>
              <entry xml:base="posts/"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>there</b></div></title>
                <id>tag:1</id><link href="one.html"/><updated>2025-03-02T00:00:00Z</updated><published>2025-03-01T00:00:00Z</published>
                <summary type="html">&lt;p&gt;An &lt;em&gt;HTML&lt;/em&gt; summary.&lt;/p&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <img src="pic.png" alt="Pic"/></p></div></content>
                <category term="t" label="Topic"/><author><name>Ann</name></author></entry>
              <entry><title>Plain &amp;amp; text</title><id>tag:2</id><link rel="alternate" href="two.html"/>
                <link rel="enclosure" type="image/png" href="https://img.example/l.png"/>
                <updated>2025-02-01T00:00:00Z</updated><content type="text">Just   text</content></entry>
            </feed>"#,
        );
        assert_eq!(feed.format, XmlFormat::Atom);
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Ben <3 Jerry"));
        assert_eq!(feed.parsed.feed.site.as_deref(), Some("https://blog.example/"));
        assert_eq!(titles(&feed), ["Hello there", "Plain & text"]);
        let [one, two] = feed.parsed.feed.items.as_slice() else { panic!("two entries") };
        assert_eq!(one.date.iso_date().as_deref(), Some("2025-03-01"), "published before updated");
        assert_eq!(one.url.as_ref().map(ToString::to_string).as_deref(), Some("https://blog.example/posts/one.html"));
        assert_eq!(one.summary, "An HTML summary.");
        assert_eq!(one.html.as_deref(), Some(r#"<p>Body <img src="pic.png" alt="Pic"/></p>"#));
        let image = one.image.as_ref().expect("the content's first img");
        assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), ("https://blog.example/posts/pic.png", "Pic"));
        assert_eq!(
            (one.tags.as_slice(), one.authors.as_slice()),
            (&["Topic".to_string()][..], &["Ann".to_string()][..])
        );
        assert_eq!(two.url.as_ref().map(ToString::to_string).as_deref(), Some("https://blog.example/two.html"));
        assert_eq!((two.summary.as_str(), two.body.as_deref()), ("Just text", None));
        assert_eq!(two.image.as_ref().map(|i| i.src.to_string()).as_deref(), Some("https://img.example/l.png"));
    }

    #[test]
    fn xhtml_text_keeps_the_markup_it_escapes() {
        let feed = read_str(
            r#"<feed xmlns="http://www.w3.org/2005/Atom">
              <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the &lt;blink&gt; tag</div></title>
              <entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the &lt;blink&gt; tag</div></title></entry>
              <entry><id>2</id><title type="xhtml">Without a div, the &lt;marquee&gt; tag</title>
                <content type="xhtml">Text only, &lt;p&gt; &amp; all</content></entry>
              <entry><id>3</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><![CDATA[In CDATA, the <font> tag]]></div></title>
                <content type="xhtml"><x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p>The &lt;blink&gt; tag, <x:em>gone</x:em>. <![CDATA[<b>]]></x:p></x:div></content></entry>
            </feed>"#,
        );
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("History of the <blink> tag"));
        assert_eq!(
            titles(&feed),
            ["History of the <blink> tag", "Without a div, the <marquee> tag", "In CDATA, the <font> tag"]
        );
        let [_, two, three] = feed.parsed.feed.items.as_slice() else { panic!("three entries") };
        // The card's HTML: what the XHTML escapes stays escaped, CDATA is text, and the elements
        // lose their prefix (HTML reads `x:p` as an unknown element, which the card leaves out).
        assert_eq!(
            (two.html.as_deref(), two.summary.as_str()),
            (Some("Text only, &lt;p&gt; &amp; all"), "Text only, <p> & all")
        );
        assert_eq!(three.html.as_deref(), Some("<p>The &lt;blink&gt; tag, <em>gone</em>. &lt;b&gt;</p>"));
        assert_eq!(three.summary, "The <blink> tag, gone. <b>");
    }

    #[test]
    fn atom_0_3_base64_text_constructs_are_decoded() {
        let feed = read_str(
            r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title mode="base64">RW5jb2RlZCBmZWVkIHRpdGxl</title>
              <entry><id>1</id><issued>2004-06-02T10:00:00Z</issued><title mode="base64">Q2Fmw6kgJiBiYXIgPDM=</title>
                <summary type="text/html" mode="base64">PHA+QW4gPGVtPmVuY29kZWQ8L2VtPiBzdW1tYXJ5LjwvcD4=</summary>
                <content type="text/html" mode="base64">
                  PHA+VGhlIHdob2xlIHN0b3J5LCBvdmVyIHR3byBsaW5lcyBvZiBi
                  YXNlNjQuPC9wPg==
                </content></entry>
              <entry><id>2</id><issued>2004-06-01T10:00:00Z</issued><title mode="base64">Not base64!</title>
                <content type="text/html" mode="base64">//79</content></entry>
            </feed>"#,
        );
        assert_eq!(feed.format, XmlFormat::Atom);
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Encoded feed title"));
        // Text that is not base64, or not UTF-8 once decoded, stays as written, as in feedparser.
        assert_eq!(titles(&feed), ["Café & bar <3", "Not base64!"]);
        let [one, two] = feed.parsed.feed.items.as_slice() else { panic!("two entries") };
        assert_eq!(one.summary, "An encoded summary.");
        assert_eq!(one.html.as_deref(), Some("<p>The whole story, over two lines of base64.</p>"));
        assert_eq!(two.html.as_deref(), Some("//79"));
    }

    #[test]
    fn base64_is_read_padded_or_not_and_wrapped() {
        let decoded = |text: &str| base64(text).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        assert_eq!(decoded("TWFu"), Some("Man".into()));
        assert_eq!(decoded("TWE="), Some("Ma".into()));
        assert_eq!(decoded("TWE"), Some("Ma".into()));
        assert_eq!(decoded("TQ=="), Some("M".into()));
        assert_eq!(decoded(" T W\n F u\r\n"), Some("Man".into()));
        assert_eq!(decoded(""), Some(String::new()));
        assert_eq!(base64("+/+/"), Some(vec![0xfb, 0xff, 0xbf]));
        for not_base64 in ["T", "TWFuT", "TW-u", "TWF_", "Ma\u{e9}"] {
            assert_eq!(base64(not_base64), None, "{not_base64}");
        }
    }
}
