//! RSS 2.0 and 0.9x: the `<rss>` root and its `<channel>`, which holds the items. Their items
//! are read into the shared tree and converted by [`super::item`]; here is what only RSS has: the
//! version, the names in problem paths, a `<guid>` that is a permalink, an author written as an
//! e-mail address.

use super::tree::El;
use super::{usable, Fields, XmlFormat};
use crate::urls::Links;

/// An RSS feed's items and their fields, as problem paths name them.
pub(super) const FIELDS: Fields = Fields { list: "items", id: "guid", published: "pubDate" };

/// RSS 2.0, or 0.9x as the root's `version` says.
pub(super) fn format(attrs: &[(String, String)]) -> XmlFormat {
    match attrs.iter().find(|(n, _)| n == "version").map(|(_, v)| v.trim()) {
        Some(v) if v.starts_with("0.9") => XmlFormat::Rss09,
        _ => XmlFormat::Rss2,
    }
}

/// An RSS `<guid>` is a permalink unless it says otherwise: the item's link when it is a web
/// address.
pub(super) fn permalink(el: &El, links: &Links) -> Option<String> {
    el.child("guid")
        .filter(|g| g.attr("isPermaLink") != Some("false"))
        .map(|g| g.text.trim())
        .filter(|id| id.starts_with("https://") || id.starts_with("http://"))
        .and_then(|id| usable(id, el, links))
}

/// An author's name from RSS's `<author>` text: "jane@example.org (Jane Doe)" is Jane Doe;
/// anything else is the name as written.
pub(super) fn author(text: &str) -> String {
    match text.split_once('(') {
        Some((email, name)) if email.contains('@') => name.trim_end_matches(')').to_string(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{problems, read_str, titles};

    #[test]
    fn a_media_title_is_the_title_when_there_is_no_other() {
        let feed = read_str(
            r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
              <item><guid>1</guid><media:title>Only a media title</media:title></item>
              <item><guid>2</guid><media:title>Media first</media:title><title>Own title</title></item>
              <item><guid>3</guid><media:group><media:title>Group title</media:title></media:group></item>
              <item><guid>4</guid><media:content url="https://e.example/v.mp4"><media:title type="html">Content &amp;amp; title</media:title></media:content></item>
            </channel></rss>"#,
        );
        assert_eq!(titles(&feed), ["Only a media title", "Own title", "Group title", "Content & title"]);
        assert!(problems(&feed).iter().all(|p| !p.contains("title")), "{:?}", problems(&feed));
    }

    #[test]
    fn an_xhtml_body_or_a_fullitem_is_the_content_when_there_is_no_other() {
        let feed = read_str(
            r#"<rss version="2.0" xmlns:xhtml="http://www.w3.org/1999/xhtml"
                xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
              <item><guid>1</guid><title>Body</title><xhtml:body><xhtml:p>With <xhtml:b>bold</xhtml:b> text.</xhtml:p></xhtml:body></item>
              <item><guid>2</guid><title>Full</title><description>Short.</description><fullitem>&lt;p&gt;Long story.&lt;/p&gt;</fullitem></item>
              <item><guid>3</guid><fullitem>&lt;p&gt;No title, only a &lt;em&gt;full&lt;/em&gt; item.&lt;/p&gt;</fullitem></item>
              <item><guid>4</guid><title>Encoded</title><content:encoded>&lt;p&gt;Encoded.&lt;/p&gt;</content:encoded><xhtml:body><xhtml:p>Body.</xhtml:p></xhtml:body></item>
            </channel></rss>"#,
        );
        assert_eq!(titles(&feed), ["Body", "Full", "No title, only a full item.", "Encoded"]);
        let html: Vec<Option<&str>> = feed.parsed.feed.items.iter().map(|i| i.html.as_deref()).collect();
        assert_eq!(
            html,
            [
                Some("<p>With <b>bold</b> text.</p>"),
                Some("<p>Long story.</p>"),
                Some("<p>No title, only a <em>full</em> item.</p>"),
                Some("<p>Encoded.</p>"),
            ]
        );
        let summaries: Vec<&str> = feed.parsed.feed.items.iter().map(|i| i.summary.as_str()).collect();
        assert_eq!(summaries, ["With bold text.", "Short.", "No title, only a full item.", "Encoded."]);
    }
}
