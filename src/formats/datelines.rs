//! The Datelines JSON format: a small, hand-editable file (see README "Data format").
//!
//! ```json
//! { "title": "News",
//!   "items": [ { "date": "2025-03-19", "title": "…", "summary": "…",
//!                "image": { "src": "a.jpg", "alt": "…", "size_kb": 55.76 } } ] }
//! ```

use super::json::{Json, Object};
use super::{date_or_undated, Document, EntryPath, FileText, LoadError, Parsed, Problem, Reader};
use crate::dates::ItemDate;
use crate::model::{derive_id, Feed, Image, Link, NewsItem, Origin, SharedStr};
use crate::text::shorten;
use serde::Serialize;
use std::fmt::Display;

/// The value of the optional `format` field in files this crate writes.
pub const FORMAT: &str = "datelines/1";

/// The `date` of an entry that has none (a feed item without a date): it is shown last, under
/// "Undated", as the same item read straight from a JSON Feed is.
pub const UNDATED: &str = "undated";

/// Turns a parsed document into a feed, entry by entry.
pub(crate) fn from_document(doc: Document<'_>) -> Result<Parsed, LoadError> {
    let root = &doc.root;
    if let Some(format) = root.get("format") {
        if format.as_str() != Some(FORMAT) {
            let found = format.as_str().map_or_else(|| format.kind().to_string(), |f| format!("\"{f}\""));
            return Err(LoadError::WrongShape(format!("\"format\" is {found}, expected \"{FORMAT}\"")));
        }
    }
    let items = match doc.items {
        Some(Ok(items)) => items,
        Some(Err(other)) => return Err(LoadError::WrongShape(format!("\"items\" is {other}, expected an array"))),
        None => return Err(LoadError::WrongShape("it has no \"items\" array".into())),
    };
    let title = match root.get("title") {
        Some(Json::Str(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    };

    let (good, problems) = items.read(Reader::Datelines, doc.source)?;
    Ok(Parsed { feed: Feed::new(title, good), problems })
}

fn skip(path: String, message: String) -> Problem {
    Problem { path, message, skipped: true }
}

/// A required non-empty string field, as it stands in the file.
fn required_str<'o>(obj: &'o Object<'_>, field: &str, path: &EntryPath) -> Result<&'o str, Problem> {
    match obj.get(field) {
        Some(Json::Str(s)) => match s.trim() {
            "" => Err(skip(format!("{path}.{field}"), "is empty".into())),
            text => Ok(text),
        },
        Some(other) => Err(skip(format!("{path}.{field}"), format!("is {}, expected text", other.kind()))),
        None => Err(skip(format!("{path}.{field}"), "is missing".into())),
    }
}

/// An optional string field, as it stands in the file; a value of the wrong type is a warning
/// and is ignored.
fn optional_str<'o>(
    obj: &'o Object<'_>,
    field: &str,
    path: &EntryPath,
    problems: &mut Vec<Problem>,
) -> Option<&'o str> {
    match obj.get(field) {
        None | Some(Json::Null) => None,
        Some(Json::Str(s)) => Some(s.trim()).filter(|s| !s.is_empty()),
        Some(other) => {
            problems.push(Problem {
                path: format!("{path}.{field}"),
                message: format!("is {}, expected text; ignored", other.kind()),
                skipped: false,
            });
            None
        }
    }
}

pub(crate) fn read_item(
    raw: &Json<'_>,
    path: &EntryPath,
    source: FileText<'_>,
    problems: &mut Vec<Problem>,
) -> Result<NewsItem, Problem> {
    let obj =
        raw.as_object().ok_or_else(|| skip(path.to_string(), format!("is {}, expected an object", raw.kind())))?;
    let title = required_str(obj, "title", path)?;
    // No entry is lost to its date: one that is missing or cannot be read is shown under
    // "Undated", with a problem for the editor.
    let date = match required_str(obj, "date", path) {
        Ok(UNDATED) => ItemDate::Undated,
        Ok(text) => date_or_undated(Ok(text), format!("{path}.date"), problems),
        Err(Problem { path, message, .. }) => date_or_undated(Err(message), path, problems),
    };
    let id = match obj.get("id") {
        None | Some(Json::Null) => derive_id(&date, title).into(),
        Some(Json::Str(s)) if !s.trim().is_empty() => source.text(s.trim()),
        Some(Json::Number(n)) => n.to_string().into(),
        Some(other) => {
            return Err(skip(format!("{path}.id"), format!("is {}, expected text or a number", other.kind())))
        }
    };
    let mut text = |field| optional_str(obj, field, path, problems).map(|s| source.text(s));
    let summary = text("summary").unwrap_or_default();
    let body = text("body");
    let html = text("html");
    let tags = text_list(obj, "tags", path, problems);
    let authors = text_list(obj, "authors", path, problems);
    let url = optional_str(obj, "url", path, problems).and_then(|u| {
        let safe = source.link(u);
        if safe.is_none() {
            problems.push(Problem {
                path: format!("{path}.url"),
                message: format!("\"{}\" is not an http(s) or relative link; ignored", shorten(u)),
                skipped: false,
            });
        }
        safe
    });
    let image = match obj.get("image") {
        None | Some(Json::Null) => None,
        Some(value) => read_image(value, path, source, problems),
    };
    let origin = obj.get("source").and_then(|value| read_origin(value, source));
    let title = source.text(title);
    Ok(NewsItem { id, date, title, summary, body, html, url, image, tags, authors, origin })
}

/// `"source": {"title": …, "url": …}`: the feed an entry of a merged list came from.
fn read_origin(value: &Json<'_>, source: FileText<'_>) -> Option<std::sync::Arc<Origin>> {
    let obj = value.as_object()?;
    let title = obj.get("title").and_then(Json::as_str).map(str::trim).filter(|t| !t.is_empty())?;
    let site = obj.get("url").and_then(Json::as_str).and_then(|u| source.link(u.trim())).map(|l| l.to_string());
    Some(std::sync::Arc::new(Origin { title: title.to_string(), site }))
}

/// An optional list of strings (`tags`, `authors`); other values are ignored with a warning.
pub(crate) fn text_list(obj: &Object<'_>, field: &str, path: &dyn Display, problems: &mut Vec<Problem>) -> Vec<String> {
    match obj.get(field) {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Array(values)) => values
            .iter()
            .filter_map(|v| v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string))
            .collect(),
        Some(other) => {
            problems.push(Problem {
                path: format!("{path}.{field}"),
                message: format!("is {}, expected a list of text; ignored", other.kind()),
                skipped: false,
            });
            Vec::new()
        }
    }
}

fn read_image(value: &Json<'_>, path: &EntryPath, source: FileText<'_>, problems: &mut Vec<Problem>) -> Option<Image> {
    let mut warn = |field: &str, message: String| {
        problems.push(Problem { path: format!("{path}.image{field}"), message, skipped: false });
    };
    let Some(obj) = value.as_object() else {
        warn("", format!("is {}, expected an object; the entry shows without an image", value.kind()));
        return None;
    };
    let src = match obj.get("src").and_then(Json::as_str).map(str::trim) {
        Some(s) if !s.is_empty() => s,
        _ => {
            warn(".src", "is missing; the entry shows without an image".into());
            return None;
        }
    };
    let Some(src) = source.link(src) else {
        warn(
            ".src",
            format!("\"{}\" is not an http(s) or relative URL; the entry shows without an image", shorten(src)),
        );
        return None;
    };
    let alt = match obj.get("alt") {
        Some(Json::Str(s)) => source.text(s.trim()),
        None | Some(Json::Null) => SharedStr::default(),
        Some(other) => {
            warn(".alt", format!("is {}, expected text; ignored", other.kind()));
            SharedStr::default()
        }
    };
    let size_kb = match obj.get("size_kb") {
        None | Some(Json::Null) => None,
        Some(v) => match v.as_f64().filter(|kb| kb.is_finite() && *kb >= 0.0) {
            Some(kb) => Some(kb),
            None => {
                warn(".size_kb", format!("is {}, expected a size in KB; ignored", v.kind()));
                None
            }
        },
    };
    let mut dimension = |field: &str| match obj.get(field) {
        None | Some(Json::Null) => None,
        Some(v) => match v.as_u64().filter(|n| (1..=20_000).contains(n)) {
            Some(n) => Some(n as u32),
            None => {
                warn(&format!(".{field}"), format!("is {}, expected a size in pixels; ignored", v.kind()));
                None
            }
        },
    };
    let width = dimension("width");
    let height = dimension("height");
    Some(Image { src, alt, size_kb, width, height })
}

#[derive(Serialize)]
struct FileOut<'a, Items> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    items: Items,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    date: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ImageOut<'a> {
    src: &'a Link,
    alt: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_kb: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

/// Writes a feed in the Datelines format: pretty-printed, two-space indent, newest first,
/// ending in a newline, so that files diff well under version control.
pub fn to_json(feed: &Feed) -> String {
    let file = FileOut {
        schema: "datelines.schema.json",
        format: FORMAT,
        title: feed.title.as_deref(),
        items: feed.items.iter().map(item_out).collect::<Vec<_>>(),
    };
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

fn item_out(item: &NewsItem) -> ItemOut<'_> {
    ItemOut {
        id: &item.id,
        date: item.date.day().map_or_else(|| UNDATED.to_string(), |day| day.datetime()),
        title: &item.title,
        summary: &item.summary,
        body: item.body.as_deref(),
        html: item.html.as_deref(),
        url: item.url.as_ref(),
        image: item.image.as_ref().map(|img| ImageOut {
            src: &img.src,
            alt: &img.alt,
            size_kb: img.size_kb,
            width: img.width,
            height: img.height,
        }),
        tags: &item.tags,
        authors: &item.authors,
        source: item.origin.as_deref().map(|o| SourceOut { title: &o.title, url: o.site.as_deref() }),
    }
}

/// Writes exactly what [`to_json`] returns for a feed with this title and these items (newest
/// first, as in a [`Feed`]), one entry at a time, without building the text in memory: for the
/// command line's big files. Wrap `out` in a `BufWriter`.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_json<'a, W, I>(out: W, title: Option<&str>, items: I) -> std::io::Result<()>
where
    W: std::io::Write,
    I: Iterator<Item = &'a NewsItem>,
{
    /// Serializes the entries as they come from the iterator (once).
    struct Lazy<I>(std::cell::Cell<Option<I>>);
    impl<'a, I: Iterator<Item = &'a NewsItem>> Serialize for Lazy<I> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.take().into_iter().flatten().map(item_out))
        }
    }
    let file = FileOut {
        schema: "datelines.schema.json",
        format: FORMAT,
        title,
        items: Lazy(std::cell::Cell::new(Some(items))),
    };
    let mut out = out;
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_feed;

    fn parse(json: &str) -> Parsed {
        parse_feed(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_a_minimal_file_newest_first() {
        let parsed = parse(
            r#"{"items":[
                {"date":"2025-02-05","title":"Older"},
                {"date":"2025-03-19","title":"Newer","summary":"S","image":{"src":"a.jpg","alt":"Flag","size_kb":55.76}}
            ]}"#,
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let titles: Vec<_> = parsed.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Newer", "Older"]);
        assert_eq!(parsed.feed.title, None, "no title: the reader's language gives the default");
        let image = parsed.feed.items[0].image.as_ref().expect("image");
        assert_eq!((image.alt.as_str(), image.size_kb), ("Flag", Some(55.76)));
        assert_eq!(parsed.feed.items[1].id, "2025-02-05-older");
    }

    #[test]
    fn a_bad_entry_is_reported_with_its_path_and_the_rest_survive() {
        let parsed = parse(
            r#"{"items":[
                {"date":"2025-02-05","title":"Good"},
                {"date":"31 Feb. 2025","title":"Bad date"},
                {"date":"2025-02-06"},
                7
            ]}"#,
        );
        // No entry is lost to its date: "Bad date" shows under "Undated".
        let titles: Vec<&str> = parsed.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Good", "Bad date"]);
        assert_eq!(parsed.feed.items[1].date, ItemDate::Undated);
        assert_eq!(parsed.skipped(), 2);
        let lines: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines[0],
            "items[1].date: \"31 Feb. 2025\" is not a date (expected YYYY-MM-DD or an RFC 3339 date-time); the item is shown under \"Undated\""
        );
        assert_eq!(lines[1], "items[2].title: is missing");
        assert_eq!(lines[2], "items[3]: is a number, expected an object");
    }

    #[test]
    fn unsafe_links_are_dropped_but_the_entry_stays() {
        let parsed = parse(
            r#"{"items":[{"date":"2025-02-05","title":"T","url":"javascript:alert(1)",
                "image":{"src":"data:text/html,x","alt":"a"}}]}"#,
        );
        assert_eq!(parsed.feed.items.len(), 1);
        assert_eq!(parsed.feed.items[0].url, None);
        assert_eq!(parsed.feed.items[0].image, None);
        assert_eq!(parsed.skipped(), 0);
        let paths: Vec<_> = parsed.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["items[0].url", "items[0].image.src"]);
        // A wrong size names the image's field, at the entry's place in the file.
        let parsed = parse(
            r#"{"items":[{"date":"2025-02-05","title":"T"},
                {"date":"2025-02-05","title":"U","image":{"src":"a.jpg","width":"wide","size_kb":-1}}]}"#,
        );
        let paths: Vec<_> = parsed.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["items[1].image.size_kb", "items[1].image.width"]);
    }

    #[test]
    fn duplicate_ids_skip_the_later_entry_and_derived_ids_are_numbered() {
        let parsed = parse(
            r#"{"items":[
                {"id":"a","date":"2025-02-05","title":"One"},
                {"id":"a","date":"2025-02-06","title":"Two"},
                {"date":"2025-02-07","title":"Same"},
                {"date":"2025-02-07","title":"Same"},
                {"id":12,"date":"2025-02-08","title":"Numeric"}
            ]}"#,
        );
        let ids: Vec<_> = parsed.feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["12", "2025-02-07-same", "2025-02-07-same-2", "a"]);
        assert_eq!(
            parsed.problems[0].to_string(),
            "items[1].id: \"a\" is used by an earlier entry; ids must be unique"
        );
    }

    #[test]
    fn whole_file_errors_say_what_is_wrong() {
        let err = parse_feed(b"{\n  \"items\": [\n    {\"title\": }\n  ]\n}").expect_err("bad json");
        assert_eq!(err, LoadError::NotJson { line: 3, column: 15, reason: "expected value".into() });
        assert_eq!(err.to_string(), "The file is not valid JSON: expected value at line 3, column 15.");
        assert!(matches!(parse_feed(b"[]"), Err(LoadError::WrongShape(_))));
        assert!(matches!(parse_feed(b"{\"items\": {}}"), Err(LoadError::WrongShape(_))));
        assert!(matches!(parse_feed(b"{\"format\": \"other\", \"items\": []}"), Err(LoadError::WrongShape(_))));
    }

    #[test]
    fn undated_entries_are_written_and_read_back_as_undated() {
        let feed = Feed::new(Some("N".into()), vec![NewsItem::new("x".into(), ItemDate::Undated, "No date".into())]);
        let json = to_json(&feed);
        assert!(json.contains("\"date\": \"undated\""), "{json}");
        let again = parse(&json);
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.feed.items[0].date, ItemDate::Undated);
        assert_eq!(again.feed, feed);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_streaming_writer_writes_exactly_what_to_json_returns() {
        for feed in [crate::synthetic::feed(300), Feed::default(), parse(crate::BUNDLED_JSON).feed] {
            let mut out = Vec::new();
            write_json(&mut out, feed.title.as_deref(), feed.items.iter()).expect("writes to memory");
            assert_eq!(String::from_utf8(out).expect("UTF-8"), to_json(&feed));
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let parsed = parse_feed(b"\xEF\xBB\xBF{\"items\":[]}").expect("BOM is fine");
        assert!(parsed.feed.items.is_empty());
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_feed() {
        let parsed = parse(
            r#"{"title":"Nouvelles","items":[{"id":"x","date":"2025-02-05","title":"T","summary":"S","body":"B","html":"<p>H</p>","tags":["a","b"],"authors":["Ann"],
                "url":"https://example.org/x","image":{"src":"a.jpg","alt":"A","size_kb":1.5,"width":640,"height":360}}]}"#,
        );
        let again = parse(&to_json(&parsed.feed));
        assert_eq!(again.feed, parsed.feed);
        assert!(again.problems.is_empty());
    }
}
