//! One item or entry, whatever the dialect, into a [`NewsItem`]: the conversion every dialect
//! shares, with the few places a dialect reads differently in [`super::rss2`], [`super::rss1`]
//! and [`super::atom`].

use super::image::image;
use super::tree::El;
use super::{atom, rss1, rss2, usable, warn, Fields};
use crate::formats::{date_or_undated, summary_from, title_or_text, Problem};
use crate::model::{derive_id, Link, NewsItem, SharedStr};
use crate::text::{collapse_whitespace, decode_entities, html_to_text, shorten};
use crate::urls::Links;
use std::borrow::Cow;

/// One item; `None` (with a problem) when it cannot be shown. The flag says whether the id
/// came from the feed rather than being derived.
pub(super) fn convert(
    el: &El,
    file: &str,
    links: &Links,
    (path, fields): (&str, &Fields),
    problems: &mut Vec<Problem>,
) -> Option<(NewsItem, bool)> {
    // Date: published, else updated. None: "Undated". One that cannot be read: "Undated" too,
    // with a problem.
    let date_field = el
        .first_text("pubDate published dc:date atom:published issued dcterms:issued dcterms:created")
        .or_else(|| el.first_text("updated atom:updated modified dcterms:modified"));
    let date = match date_field {
        Some((field, text)) => date_or_undated(Ok(text), format!("{path}.{}", field.name), problems),
        None => date_or_undated(Err("is missing".into()), format!("{path}.{}", fields.published), problems),
    };

    let summary_el = el.first("description summary atom:summary dc:description itunes:summary");
    // Content: the dialect's own, else what feedparser also reads as content: an XHTML `<body>`,
    // a `<fullitem>` (escaped HTML, as content:encoded).
    let content_el = el.first("content:encoded content atom:content xhtml:body fullitem");
    // RSS descriptions are HTML; Atom summaries are text unless they say otherwise.
    let summary_text = summary_el.map(|s| s.plain(file, s.name == "description")).filter(|t| !t.is_empty());
    let content = content_el.and_then(|c| {
        let html = c.is_html(matches!(c.name.as_str(), "content:encoded" | "fullitem"));
        let body = c.markup(file).trim().to_string();
        (!body.is_empty() && atom::is_inline_text(c)).then_some((body, html))
    });
    let content_text = content
        .as_ref()
        .map(
            |(body, html)| {
                if *html {
                    html_to_text(body)
                } else {
                    collapse_whitespace(&decode_entities(body)).into_owned()
                }
            },
        )
        .filter(|t| !t.is_empty());
    let full_text = summary_text.clone().or_else(|| content_text.clone());

    let own_title = el.first("title atom:title dc:title").map(|t| t.plain(file, false)).filter(|t| !t.is_empty());
    let own_title = own_title.or_else(|| media_title(el).map(|t| t.plain(file, false)).filter(|t| !t.is_empty()));
    let title = match title_or_text(own_title.map(SharedStr::from), full_text.as_deref(), &path, problems) {
        Ok(title) => title,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };

    let summary = full_text.as_deref().map(summary_from).unwrap_or_default();
    let (mut html, mut body) = match &content {
        Some((raw, true)) => (Some(raw.clone()), None),
        Some((_, false)) => (None, content_text.clone().filter(|t| *t != summary)),
        None => (None, None),
    };
    // A long description with no separate content: the list shows its start, and the detail
    // card the whole of it.
    if html.is_none() && body.is_none() {
        if let (Some(text), Some(source)) = (summary_text.as_ref(), summary_el) {
            if *text != summary {
                if source.is_html(source.name == "description") {
                    html = Some(source.markup(file).trim().to_string());
                } else {
                    body = Some(text.clone());
                }
            }
        }
    }

    let id_text = el.first_text("guid id atom:id").map(|(_, t)| t).or_else(|| rss1::about(el));
    let explicit_id = id_text.is_some();
    let id = match id_text {
        Some(id) => collapse_whitespace(id).into_owned(),
        None => derive_id(&date, &title),
    };

    // Link: the first <link> that is the item itself (not comments, not an enclosure).
    let link_el = el.children.iter().find(|c| {
        (c.name == "link" || c.name == "atom:link")
            && matches!(c.attr("rel"), None | Some("alternate"))
            && (c.attr("href").is_some() || !c.text.trim().is_empty())
    });
    let url = match link_el {
        Some(link) => {
            let href = link.attr("href").unwrap_or(link.text.trim());
            let safe = usable(href, link, links);
            if safe.is_none() {
                problems.push(warn(
                    path,
                    &link.name,
                    format!("\"{}\" is not an http(s) or relative link; ignored", shorten(href)),
                ));
            }
            safe
        }
        None => rss2::permalink(el, links),
    };

    let html_for_img = content
        .as_ref()
        .filter(|(_, html)| *html)
        .map(|(raw, _)| Cow::Borrowed(raw.as_str()))
        .or_else(|| summary_el.filter(|s| s.is_html(s.name == "description")).map(|s| s.markup(file)));
    let image = image(el, file, links, (path, &title), html_for_img.as_deref(), problems);

    let mut tags: Vec<String> = Vec::new();
    for category in
        el.children.iter().filter(|c| matches!(c.name.as_str(), "category" | "atom:category" | "dc:subject"))
    {
        let label = category.attr("label").or(category.attr("term")).unwrap_or(category.text.trim());
        let tag = collapse_whitespace(&decode_entities(label)).into_owned();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut authors: Vec<String> = Vec::new();
    for person in el
        .children
        .iter()
        .filter(|c| matches!(c.name.as_str(), "author" | "atom:author" | "dc:creator" | "itunes:author"))
    {
        let name = match person.first_text("name atom:name email atom:email") {
            Some((_, name)) => name.to_string(),
            None => rss2::author(person.text.trim()),
        };
        let name = collapse_whitespace(&decode_entities(&name)).into_owned();
        if !name.is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }

    let (id, summary) = (SharedStr::from(id), SharedStr::from(summary));
    let (body, html, url) = (body.map(SharedStr::from), html.map(SharedStr::from), url.map(Link::from));
    Some((
        NewsItem { id, date, title, summary, body, html, url, image, tags, authors, origin: None }.compact(),
        explicit_id,
    ))
}

/// Media RSS's title, the item's own or its `media:group`'s or `media:content`'s: the title of an
/// item that has no other, as feedparser reads it.
fn media_title(el: &El) -> Option<&El> {
    el.first("media:title").or_else(|| {
        let mut media = el.children.iter().filter(|c| matches!(c.name.as_str(), "media:group" | "media:content"));
        media.find_map(|c| c.first("media:title"))
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{problems, read_str, titles};
    use super::super::XmlFormat;
    use crate::dates::ItemDate;
    use crate::text::{collapse_whitespace, html_to_text};

    #[test]
    fn rss_items_follow_the_shared_rules_for_ids_and_titles() {
        let feed = read_str(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Blog &amp; co</title><link>/</link>
          <item><guid>a</guid><title>One</title><pubDate>Wed, 19 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><guid>a</guid><title>Two</title><pubDate>Wed, 19 Mar 2025 11:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><description>Only words here.</description><pubDate>Mon, 17 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><pubDate>Mon, 17 Mar 2025 10:00:00 +0000</pubDate></item>
        </channel></rss>"#,
        );
        assert_eq!(feed.format, XmlFormat::Rss2);
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Blog & co"));
        assert_eq!(feed.parsed.feed.site.as_deref(), Some("https://news.example/"));
        let ids: Vec<&str> = feed.parsed.feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "2025-03-18-same", "2025-03-18-same-2", "2025-03-17-only-words-here"]);
        assert_eq!(feed.parsed.feed.items[3].title, "Only words here.");
        assert_eq!(
            problems(&feed),
            [
                "items[1].guid: \"a\" is used by an earlier item; ids must be unique",
                "items[4].title: is missing; the start of the text is used instead",
                "items[5].title: is missing and the item has no text to show",
            ]
        );
        assert_eq!(feed.parsed.skipped(), 2);
    }

    #[test]
    fn sloppy_feeds_are_read_as_feed_readers_read_them() {
        // Undeclared prefixes, HTML entities, CDATA, a stray ampersand, a mismatched end tag.
        let feed = read_str(
            "<rss version=\"2.0\"><channel><title>L&eacute;a&rsquo;s&nbsp;news</title>
            <item><title>AT&T &amp; Caf&eacute; &#8220;ok&#x201D; &bogus;</title>
              <media:thumbnail url=\"https://img.example/a.jpg\" width=\"120\" height=\"80\"/>
              <media:description>A cat</media:description>
              <description><![CDATA[<p>Inside <b>CDATA</b> & still text</p>]]></description>
              <pubDate>Wed, 19 Mar 2025 10:00 GMT</pubDate></item>
            <item><title>Mismatched <b>end</B></title><pubDate>19 Mar 2025 10:00:00 EST</pubDate></item>
            </channel></rss>",
        );
        assert_eq!(feed.parsed.feed.title.as_deref(), Some("Léa’s news"), "&nbsp; is a space in a title");
        assert_eq!(titles(&feed), ["AT&T & Café “ok” &bogus;", "Mismatched end"]);
        let first = &feed.parsed.feed.items[0];
        assert_eq!(first.summary, "Inside CDATA & still text");
        let image = first.image.as_ref().expect("the undeclared media: thumbnail");
        assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), ("https://img.example/a.jpg", "A cat"));
        assert_eq!((image.width, image.height), (Some(120), Some(80)));
        assert!(problems(&feed).is_empty(), "{:?}", problems(&feed));
    }

    #[test]
    fn every_date_form_real_feeds_use_lands_on_its_day() {
        let item = |date: &str| format!("<item><title>{date}</title><pubDate>{date}</pubDate></item>");
        let forms = [
            "Wed, 19 Mar 2025 10:00:00 +0000",
            "Wed, 19 Mar 2025 10:00 GMT",
            "19 Mar 2025 10:00:00 EST",
            "Wed, 19 Mar 2025 10:00:00 UT",
            "Wed, 19 Mar 2025 23:30:00 PDT",
            "2025-03-19T10:00:00Z",
            "2025-03-19T10:00:00.123+02:00",
            "2025-03-19T10:00:00+0200",
            "2025-03-19 10:00:00",
            "2025/3/19 14:33:00",
            "2025-03-19",
        ];
        let xml = format!("<rss><channel>{}</channel></rss>", forms.map(item).concat());
        let feed = read_str(&xml);
        assert!(problems(&feed).is_empty(), "{:?}", problems(&feed));
        for item in &feed.parsed.feed.items {
            assert_eq!(item.date.iso_date().as_deref(), Some("2025-03-19"), "{}", item.title);
        }
        let rdf = read_str(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:d="http://purl.org/dc/elements/1.1/">
               <channel rdf:about="https://x.example/"><title>RDF</title><link>https://x.example/</link></channel>
               <item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link>
                 <d:date>2020-01-10T14:33:00+01:00</d:date><d:subject>Science</d:subject><d:creator>Ann</d:creator></item>
             </rdf:RDF>"#,
        );
        assert_eq!(rdf.format, XmlFormat::Rss1);
        assert_eq!(rdf.parsed.feed.title.as_deref(), Some("RDF"));
        let one = &rdf.parsed.feed.items[0];
        assert_eq!((one.id.as_str(), one.date.iso_date().as_deref()), ("https://x.example/1", Some("2020-01-10")));
        assert_eq!((one.tags.clone(), one.authors.clone()), (vec!["Science".to_string()], vec!["Ann".to_string()]));
    }

    #[test]
    fn an_item_whose_date_cannot_be_read_is_undated_never_lost() {
        let feed = read_str(
            "<rss><channel><item><title>Soon</title><pubDate>sometime soon</pubDate></item>
             <item><title>None</title></item></channel></rss>",
        );
        assert_eq!(titles(&feed), ["Soon", "None"]);
        assert!(feed.parsed.feed.items.iter().all(|i| i.date == ItemDate::Undated));
        assert_eq!(
            problems(&feed),
            [
                "items[0].pubDate: \"sometime soon\" is not a date (expected YYYY-MM-DD or an RFC 3339 date-time); the item is shown under \"Undated\"",
                "items[1].pubDate: is missing; the item is shown under \"Undated\"",
            ]
        );
        assert_eq!(feed.parsed.skipped(), 0);
    }

    /// The feeds in tests/fixtures/feedparser exercise what Python's feedparser reads and
    /// Datelines once dropped or misread (XHTML titles, Atom 0.3 base64, `media:title`,
    /// `xhtml:body`, `fullitem`); feedparser-readings.json is what feedparser 6 read from them.
    /// Every entry it read is here, with the same title, summary and content, as text.
    #[test]
    fn items_read_as_feedparser_reads_them() {
        let readings: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/feedparser/feedparser-readings.json"))
                .expect("JSON");
        let files = [
            ("atom03-base64.xml", include_str!("../../../tests/fixtures/feedparser/atom03-base64.xml")),
            ("atom10-xhtml-titles.xml", include_str!("../../../tests/fixtures/feedparser/atom10-xhtml-titles.xml")),
            ("rss20-body-fullitem.xml", include_str!("../../../tests/fixtures/feedparser/rss20-body-fullitem.xml")),
            ("rss20-media-title.xml", include_str!("../../../tests/fixtures/feedparser/rss20-media-title.xml")),
        ];
        assert_eq!(readings["feeds"].as_object().map(|feeds| feeds.len()), Some(files.len()));
        // feedparser's values are HTML but for text/plain; Datelines' titles and summaries are text.
        let text = |value: &serde_json::Value, kind: &serde_json::Value| {
            let value = value.as_str()?;
            Some(match kind.as_str() {
                Some("text/plain") => collapse_whitespace(value).into_owned(),
                _ => html_to_text(value),
            })
        };
        let mut differences: Vec<String> = Vec::new();
        for (file, xml) in files {
            let reading = &readings["feeds"][file];
            let feed = read_str(xml);
            let title = text(&reading["title"], &reading["title_type"]);
            if feed.parsed.feed.title != title {
                differences.push(format!("{file}: the feed's title is {:?}, not {title:?}", feed.parsed.feed.title));
            }
            for entry in reading["entries"].as_array().into_iter().flatten() {
                let id = entry["id"].as_str().unwrap_or_default();
                let Some(item) = feed.parsed.feed.items.iter().find(|i| i.id == id) else {
                    differences.push(format!("{file}: no item {id}"));
                    continue;
                };
                let content = entry["content"].get(0).and_then(|c| text(&c["value"], &c["type"]));
                let ours = item.html.as_deref().map(html_to_text).or(item.body.as_ref().map(ToString::to_string));
                let ours = ours.unwrap_or_else(|| item.summary.to_string());
                for (field, theirs, ours) in [
                    ("title", text(&entry["title"], &entry["title_type"]), item.title.to_string()),
                    ("summary", text(&entry["summary"], &entry["summary_type"]), item.summary.to_string()),
                    ("content", content, ours),
                ] {
                    if theirs.is_some_and(|theirs| theirs != ours) {
                        differences
                            .push(format!("{file}: {id}'s {field} is {ours:?}, feedparser's {:?}", entry[field]));
                    }
                }
            }
        }
        assert!(differences.is_empty(), "{differences:#?}");
    }
}
