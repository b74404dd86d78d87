//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>), read leniently: items without
//! an id, numeric ids, RFC 2822 dates, HTML entities in titles and items in any order are all
//! accepted. An item is skipped only when it has nothing to show as a title; one without a
//! readable date is shown under "Undated".

use super::datelines::text_list;
use super::json::{Json, Object};
use super::{summary_from, title_or_text, Document, EntryPath, FileText, LoadError, Parsed, Problem, Reader};
use crate::model::{derive_id, Feed, Image, Link, NewsItem, SharedStr};
use crate::text::{collapse_whitespace, decode_entities, html_to_text};

/// Whether parsed JSON is a JSON Feed (its `version` names jsonfeed.org).
pub(crate) fn is_json_feed(value: &Object<'_>) -> bool {
    value.get("version").and_then(Json::as_str).is_some_and(|v| v.contains("jsonfeed.org/version/"))
}

/// A text field as shown: references decoded, whitespace collapsed; shared with the file when
/// that changes nothing.
fn text(obj: &Object<'_>, field: &str, source: FileText<'_>) -> Option<SharedStr> {
    let decoded = decode_entities(obj.get(field)?.as_str()?);
    Some(source.changed_text(collapse_whitespace(&decoded))).filter(|t| !t.is_empty())
}

pub(crate) fn from_document(doc: Document<'_>) -> Result<Parsed, LoadError> {
    let root = &doc.root;
    let items = match doc.items {
        Some(Ok(items)) => items,
        Some(Err(other)) => return Err(LoadError::WrongShape(format!("\"items\" is {other}, expected an array"))),
        None => return Err(LoadError::WrongShape("this JSON Feed has no \"items\" array".into())),
    };
    let title = text(root, "title", doc.source).map(String::from);
    let site = root.get("home_page_url").and_then(Json::as_str).and_then(|url| doc.source.links.usable(url.trim()));
    let site = site.map(std::borrow::Cow::into_owned);
    let (good, problems) = items.read(Reader::JsonFeed, doc.source)?;
    Ok(Parsed { feed: Feed { site, ..Feed::new(title, good) }, problems })
}

pub(crate) fn read_item(
    raw: &Json<'_>,
    path: &EntryPath,
    source: FileText<'_>,
    problems: &mut Vec<Problem>,
) -> Result<NewsItem, Problem> {
    let skip = |field: &str, message: String| Problem { path: format!("{path}{field}"), message, skipped: true };
    let obj = raw.as_object().ok_or_else(|| skip("", format!("is {}, expected an object", raw.kind())))?;

    let date = match (obj.get("date_published"), obj.get("date_modified")) {
        (Some(v), _) if !v.is_null() => ("date_published", v),
        (_, Some(v)) if !v.is_null() => ("date_modified", v),
        _ => ("", &Json::Null),
    };
    // Dates are optional in JSON Feed (the spec's own example has none): an item without one,
    // or with one that cannot be read, shows under "Undated", with a problem.
    let (field, date_text) = match date {
        ("", _) => ("date_published", Err("is missing".to_string())),
        (field, value) => (field, value.as_str().ok_or_else(|| format!("is {}, expected a date", value.kind()))),
    };
    let date = super::date_or_undated(date_text, format!("{path}.{field}"), problems);

    let content_text = text(obj, "content_text", source);
    let html = obj.get("content_html").and_then(Json::as_str).map(str::trim).filter(|h| !h.is_empty());
    let (own_summary, own_title) = (text(obj, "summary", source), text(obj, "title", source));
    // The HTML as text only where it may stand in for a missing summary or title.
    let html_text = match (&own_summary, &own_title) {
        (Some(_), Some(_)) => None,
        _ => html.map(html_to_text).filter(|t| !t.is_empty()),
    };
    let summary = own_summary
        .or_else(|| content_text.as_deref().or(html_text.as_deref()).map(|t| summary_from(t).into()))
        .unwrap_or_default();

    // Micro-blog feeds often have no titles: the start of the text stands in, with a warning.
    let start = content_text.as_deref().or(html_text.as_deref()).or(Some(&*summary).filter(|s| !s.is_empty()));
    let title = title_or_text(own_title, start, path, problems)?;

    let id = match obj.get("id") {
        Some(Json::Str(s)) if !s.trim().is_empty() => source.text(s.trim()),
        Some(Json::Number(n)) => n.to_string().into(),
        _ => derive_id(&date, &title).into(),
    };
    let html = html.map(|h| source.text(h));
    let url = first_safe_url(obj, &["url", "external_url"], path, source, problems);
    let image = first_safe_url(obj, &["image", "banner_image"], path, source, problems).map(|src| Image {
        src,
        alt: SharedStr::default(),
        size_kb: None,
        width: None,
        height: None,
    });
    let tags = text_list(obj, "tags", path, problems);
    let mut authors: Vec<String> = match obj.get("authors") {
        Some(Json::Array(list)) => {
            list.iter().filter_map(|a| a.get("name").and_then(Json::as_str)).map(str::to_string).collect()
        }
        _ => Vec::new(),
    };
    if authors.is_empty() {
        // JSON Feed 1.0 had a single `author`.
        if let Some(name) = obj.get("author").and_then(|a| a.get("name")).and_then(Json::as_str) {
            authors.push(name.to_string());
        }
    }
    authors.retain(|a| !a.trim().is_empty());
    let body = content_text.filter(|t| *t != summary);
    Ok(NewsItem { id, date, title, summary, body, html, url, image, tags, authors, origin: None })
}

/// The first of `fields` holding a URL, if it is http(s) or relative; an unsafe one is reported
/// and ignored.
fn first_safe_url(
    obj: &Object<'_>,
    fields: &[&str],
    path: &EntryPath,
    source: FileText<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Link> {
    fields.iter().find_map(|field| {
        let safe = source.link(obj.get(field)?.as_str()?);
        if safe.is_none() {
            problems.push(Problem {
                path: format!("{path}.{field}"),
                message: "is not an http(s) or relative URL; ignored".into(),
                skipped: false,
            });
        }
        safe
    })
}

#[cfg(test)]
mod tests {
    use crate::formats::{parse_feed, LoadError};

    #[test]
    fn reads_the_jsonfeed_org_example() {
        let parsed = parse_feed(
            br#"{
            "version": "https://jsonfeed.org/version/1.1",
            "title": "My Example Feed",
            "home_page_url": "https://example.org/",
            "feed_url": "https://example.org/feed.json",
            "items": [
                { "id": "2", "content_text": "This is a second item.", "url": "https://example.org/second-item" },
                { "id": "1", "content_html": "<p>Hello, world!</p>", "url": "https://example.org/initial-post" }
            ]
        }"#,
        )
        .expect("a JSON Feed");
        // The spec's own example has no dates: every item still shows, under "Undated".
        let titles: Vec<_> = parsed.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["This is a second item.", "Hello, world!"]);
        assert_eq!(parsed.feed.items[0].id, "2");
        assert!(parsed.feed.items.iter().all(|i| i.date == crate::dates::ItemDate::Undated));
        assert_eq!(parsed.skipped(), 0);
        assert_eq!(
            parsed.problems[0].to_string(),
            "items[0].date_published: is missing; the item is shown under \"Undated\""
        );
        assert_eq!(parsed.feed.title.as_deref(), Some("My Example Feed"));
    }

    #[test]
    fn messy_items_are_accepted() {
        let parsed = parse_feed(
            br#"{"version":"https://jsonfeed.org/version/1","title":"Feed","items":[
              {"id":7,"title":"Older &amp; wiser","date_published":"Wed, 19 Feb 2025 10:00:00 +0000","content_text":"Text."},
              {"title":"No id","date_published":"2025-03-01T00:30:00+02:00","content_html":"<p>Hello <b>world</b></p>",
               "tags":["nato"],"author":{"name":"Press"},"image":"javascript:alert(1)","url":"https://example.org/a"},
              {"date_published":"2025-02-20","content_text":"A micro post with no title at all, only words."},
              {"title":"Bad date","date_published":"31 Feb. 2025"},
              {"title":"No date"},
              {}
            ]}"#,
        )
        .expect("a JSON Feed");
        let items = &parsed.feed.items;
        let titles: Vec<_> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            ["No id", "A micro post with no title at all, only words.", "Older & wiser", "Bad date", "No date"]
        );
        assert_eq!(items[0].id, "2025-03-01-no-id");
        assert_eq!(items[0].date.iso_date().as_deref(), Some("2025-03-01"), "its own offset's date");
        assert_eq!(items[0].summary, "Hello world");
        assert_eq!(items[0].html.as_deref(), Some("<p>Hello <b>world</b></p>"));
        assert_eq!(items[0].image, None, "javascript: image dropped");
        assert_eq!(items[0].url.as_ref().map(String::from).as_deref(), Some("https://example.org/a"));
        assert_eq!(
            (items[0].tags.clone(), items[0].authors.clone()),
            (vec!["nato".to_string()], vec!["Press".to_string()])
        );
        assert_eq!(items[2].id, "7");
        assert_eq!(items[2].date.iso_date().as_deref(), Some("2025-02-19"));
        assert_eq!(parsed.skipped(), 1);
        let lines: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
        assert!(lines.contains(&"items[3].date_published: \"31 Feb. 2025\" is not a date (expected YYYY-MM-DD or an RFC 3339 date-time); the item is shown under \"Undated\"".to_string()), "{lines:?}");
        assert!(
            lines.contains(&"items[2].title: is missing; the start of the text is used instead".to_string()),
            "{lines:?}"
        );
    }

    #[test]
    fn a_json_feed_without_items_is_the_wrong_shape() {
        let err = parse_feed(br#"{"version":"https://jsonfeed.org/version/1.1","title":"x"}"#).expect_err("no items");
        assert!(matches!(err, LoadError::WrongShape(ref m) if m.contains("no \"items\"")), "{err}");
    }
}
