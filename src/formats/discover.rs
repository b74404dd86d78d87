//! Feed discovery: the feeds a web page announces in its head, as browsers and feed readers
//! find them (`<link rel="alternate" type="application/rss+xml" href="/feed.xml">`).

use super::xml::attributes;
use crate::urls::Links;

/// The media types of the feeds Datelines reads. (Not plain `application/json`: WordPress
/// announces its REST API with it.)
const FEED_TYPES: [&str; 4] =
    ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"];

/// The addresses of the feeds `page` announces, in page order, made usable by `links` (absolute
/// against the page's address when it is known). Pages are HTML, not XML: tags are found by a
/// plain scan and their attributes read leniently (unquoted values, any case).
pub fn announced_feeds(page: &str, links: &Links) -> Vec<String> {
    let lower = page.to_ascii_lowercase();
    let mut feeds: Vec<String> = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<link").map(|i| i + from) {
        let end = lower[at..].find('>').map_or(lower.len(), |i| i + at);
        from = end.max(at + 5);
        let Some(tag) = page.get(at + 1..end) else { continue };
        if !tag[4..].starts_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let attrs: Vec<(String, String)> = attributes(&tag[4..])
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), crate::text::decode_entities(value).trim().to_string()))
            .collect();
        let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let is_alternate =
            get("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("alternate")));
        let media = get("type").map(|t| t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
        let is_feed = media.is_some_and(|t| FEED_TYPES.contains(&t.as_str()));
        if let (true, true, Some(href)) = (is_alternate, is_feed, get("href").filter(|h| !h.is_empty())) {
            if let Some(url) = links.usable(href) {
                let url = url.into_owned();
                if !feeds.contains(&url) {
                    feeds.push(url);
                }
            }
        }
    }
    feeds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_feeds_a_page_announces_in_order() {
        let page = r#"<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="/style.css">
            <LINK REL=alternate TYPE="application/rss+xml" title="Posts" HREF=/feed.xml>
            <link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom.xml?a=1&amp;b=2" />
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/feed+json" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml">
            <linkx rel="alternate" type="application/rss+xml" href="/not-a-link.xml">
        </head></html>"#;
        let links = Links::relative_to("https://blog.example/posts/index.html");
        assert_eq!(
            announced_feeds(page, &links),
            ["https://blog.example/feed.xml", "https://blog.example/posts/atom.xml?a=1&b=2"]
        );
        assert!(announced_feeds("<html><head><title>None</title></head></html>", &links).is_empty());
        assert!(announced_feeds("<link", &links).is_empty(), "a tag cut short");
        assert!(announced_feeds("<link rel=alternate type=application/rss+xml>", &links).is_empty(), "no href");
    }
}
