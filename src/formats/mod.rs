//! Reading news data. One module per input format, plus detection and the shared report types.
//!
//! Every parser returns either a whole-file [`LoadError`] (the file can't be used at all) or a
//! [`Parsed`] feed together with per-entry [`Problem`]s: one bad entry never sinks the rest.
//!
//! Beside the formats: [`sniff`] tells XML from JSON and which feed a file is, `document` reads a
//! JSON file's top level and entries in one pass (serde visitors), `common` holds what every
//! format's reader shares (unique ids, titles made from text, dates or "Undated").

mod common;
pub mod datelines;
pub mod discover;
mod document;
pub mod encoding;
#[cfg(not(target_arch = "wasm32"))]
pub mod input;
pub mod json;
pub mod jsonfeed;
pub mod listing;
pub mod rss_atom;
#[cfg(not(target_arch = "wasm32"))]
pub mod shard_dir;
pub mod shards;
pub mod sniff;
pub mod stepwise;
pub mod xml;

pub(crate) use common::{date_or_undated, summary_from, title_or_text, TextSet, UniqueIds};
pub use common::{SUMMARY_CHARS, TEXT_TITLE_CHARS};
pub(crate) use document::{parse_document, utf8_text, Document, EntryPath, FileText, Reader};
pub use sniff::SNIFF_BYTES;

use crate::model::Feed;
use crate::urls::Links;
use sniff::Sniffed;
use std::fmt;

/// A problem with one part of the file. The path names the entry, e.g. `items[3].date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// True when the entry was left out because of this problem; false for a warning where the
    /// entry still shows (for example an unsafe link that was dropped).
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A usable feed and what was wrong with parts of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub feed: Feed,
    pub problems: Vec<Problem>,
}

impl Parsed {
    /// How many entries were left out.
    pub fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| p.skipped).count()
    }
}

/// Why a whole file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes are not JSON. Line and column are 1-based, as in an editor.
    NotJson { line: usize, column: usize, reason: String },
    /// Valid JSON, but not a news file (e.g. an array, or no `items`).
    WrongShape(String),
    /// XML that breaks before any item could be read. Line and column are 1-based.
    NotXml { line: usize, column: usize, reason: String },
    /// A file that is not a feed Datelines can read, and why: XML of another kind, an empty
    /// file, entities it will not expand.
    NotFeed(String),
    /// A web page rather than a feed, with the feeds it announces (`<link rel="alternate">`),
    /// made absolute against its address when that is known.
    WebPage { feeds: Vec<String> },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson { line, column, reason } => {
                write!(f, "The file is not valid JSON: {reason} at line {line}, column {column}.")
            }
            LoadError::WrongShape(what) => write!(f, "The file is JSON but not a news feed: {what}."),
            LoadError::NotXml { line, column, reason } => {
                write!(f, "The feed is not well-formed XML: {reason} at line {line}, column {column}.")
            }
            LoadError::NotFeed(why) => write!(f, "The file is not a feed that can be read: {why}."),
            LoadError::WebPage { feeds } if feeds.is_empty() => f.write_str(
                "The address is a web page that announces no feed: it has no <link rel=\"alternate\"> to an RSS, \
                 Atom or JSON feed.",
            ),
            LoadError::WebPage { feeds } => {
                write!(f, "The address is a web page, not a feed; it announces {}.", feeds.join(", "))
            }
        }
    }
}

/// What a JSON file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsFile {
    /// A feed (Datelines JSON or JSON Feed).
    Feed(Parsed),
    /// The index of a month-sharded archive.
    ArchiveIndex(shards::ArchiveIndex),
}

/// Reads a feed or a sharded archive's index, detected from the content. The entries share
/// the file's text (see [`SharedStr`](crate::model::SharedStr)): given a `Vec`, it is not copied.
pub fn parse_any(bytes: impl Into<Vec<u8>>) -> Result<NewsFile, LoadError> {
    parse_any_with(bytes.into(), &Links::default())
}

/// [`parse_any`] for a file fetched from an address: its entries' links made absolute against it
/// as they are read ([`Links::relative_to`]). An index's month addresses stay as written.
pub fn parse_any_with(bytes: Vec<u8>, links: &Links) -> Result<NewsFile, LoadError> {
    match sniff::sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        Sniffed::Rss | Sniffed::Rdf | Sniffed::Atom => {
            return rss_atom::read(&bytes, links, |_| {}).map(|xml| NewsFile::Feed(xml.parsed));
        }
        Sniffed::OtherXml(root) if root == "html" => {
            let page = encoding::decode(&bytes).0;
            return Err(LoadError::WebPage { feeds: discover::announced_feeds(&page, links) });
        }
        Sniffed::OtherXml(root) if !root.is_empty() => {
            return Err(LoadError::NotFeed(format!(
                "XML whose root element is <{root}>, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)"
            )));
        }
        _ => {}
    }
    let file = utf8_text(bytes)?;
    let doc = parse_document(FileText { file: &file, links })?;
    if shards::is_index(&doc.root) {
        shards::index_from_object(&doc.root).map(NewsFile::ArchiveIndex)
    } else {
        feed_from_document(doc).map(NewsFile::Feed)
    }
}

fn feed_from_document(doc: Document<'_>) -> Result<Parsed, LoadError> {
    match Reader::for_root(&doc.root) {
        Reader::JsonFeed => jsonfeed::from_document(doc),
        Reader::Datelines => datelines::from_document(doc),
    }
}

/// Reads any supported JSON format (Datelines JSON, JSON Feed 1.0/1.1), detected from its content.
/// The entries share the file's text (see [`SharedStr`](crate::model::SharedStr)): given a `Vec`, it is not copied.
pub fn parse_feed(bytes: impl Into<Vec<u8>>) -> Result<Parsed, LoadError> {
    read_feed(bytes.into())
}

fn read_feed(bytes: Vec<u8>) -> Result<Parsed, LoadError> {
    let file = utf8_text(bytes)?;
    feed_from_document(parse_document(FileText { file: &file, links: &Links::default() })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, SharedStr};
    use std::sync::Arc;

    const ENTRIES: &str = r#""items": [
        {"id": "1", "date_published": "2025-03-01T10:00:00Z", "content_text": "No title here."},
        {"id": "1", "date_published": "2025-03-02", "title": "Same id"}
    ]"#;

    #[test]
    fn a_json_feed_is_read_as_one_whether_its_version_comes_before_or_after_its_items() {
        let version = r#""version": "https://jsonfeed.org/version/1.1""#;
        let first = parse_feed(format!("{{{version}, {ENTRIES}}}").as_bytes()).expect("version first");
        let last = parse_feed(format!("{{{ENTRIES}, {version}}}").as_bytes()).expect("version last");
        assert_eq!(first, last);
        // JSON Feed's rules: its dates and a title made from the text, with a warning.
        assert_eq!(last.feed.items.len(), 1);
        assert_eq!(last.feed.items[0].title, "No title here.");
        let problems: Vec<_> = last.problems.iter().map(Problem::to_string).collect();
        assert_eq!(
            problems,
            [
                "items[0].title: is missing; the start of the text is used instead",
                "items[1].id: \"1\" is used by an earlier entry; ids must be unique",
            ]
        );
        // Without the version it is Datelines JSON, where both entries lack a `date` (shown
        // under "Undated") and the first a `title` (left out).
        let datelines = parse_feed(format!("{{{ENTRIES}}}").as_bytes()).expect("datelines");
        assert_eq!(datelines.feed.items.len(), 1);
        assert_eq!(datelines.feed.items[0].title, "Same id");
        assert_eq!(datelines.skipped(), 1);
        // A later member counts, as for any repeated name: read again as Datelines JSON.
        let overridden = format!(r#"{{{version}, {ENTRIES}, "version": "2"}}"#);
        assert_eq!(parse_feed(overridden.as_bytes()).expect("datelines"), datelines);
    }

    #[test]
    fn bytes_that_are_not_utf8_after_a_byte_order_mark_are_reported_where_they_are() {
        let latin1 =
            parse_feed(&b"\xEF\xBB\xBF{\"items\": [\n  {\"date\": \"2025-03-01\", \"title\": \"D\xe9fense\"}\n]}"[..]);
        // Where it is without the mark: at the é of Latin-1.
        let err = latin1.expect_err("not UTF-8");
        assert_eq!(err, LoadError::NotJson { line: 2, column: 37, reason: "invalid UTF-8".into() });
    }

    #[test]
    fn an_error_inside_an_entry_is_reported_at_its_place_in_the_file() {
        let bad_escape = b"{\"items\": [\n  {\"date\": \"2025-03-01\", \"title\": \"a\\qb\"}\n]}";
        let err = parse_feed(bad_escape).expect_err("invalid escape");
        // The `q` after the backslash, as before entries were read in the same pass.
        assert_eq!(err, LoadError::NotJson { line: 2, column: 38, reason: "invalid escape".into() });
        // A page that is not JSON, nor UTF-8, is not JSON from its first byte.
        let html = parse_feed(b"<!DOCTYPE html><p>D\xe9fense</p>").expect_err("not JSON");
        assert_eq!(err_position(&html), (1, 1));
        let trailing = parse_feed(b"{\"items\": []} x").expect_err("trailing characters");
        assert_eq!(err_position(&trailing), (1, 15));
        let latin1 = parse_feed(b"{\"items\": [\n  {\"date\": \"2025-03-01\", \"title\": \"D\xe9fense\"}\n]}");
        let err = latin1.expect_err("not UTF-8");
        // At the byte that is not UTF-8 (the é of Latin-1).
        assert_eq!(err, LoadError::NotJson { line: 2, column: 37, reason: "invalid UTF-8".into() });
        assert_eq!(err.to_string(), "The file is not valid JSON: invalid UTF-8 at line 2, column 37.");
    }

    #[test]
    fn entries_share_the_files_text_and_copy_only_what_they_change() {
        let datelines = br#"{"items": [{"id": "a1", "date": "2025-03-01", "title": " Plain title ",
            "summary": "Two\nlines", "url": "../a.html", "image": {"src": "img/a.jpg", "alt": "Alt"}}]}"#;
        let json_feed = br#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "b1",
            "date_published": "2025-03-01", "title": "Clean", "summary": "Tom &amp; Jerry", "content_text": "x  y",
            "url": "https://example.org/b"}]}"#;
        let feed = Links::relative_to("https://news.example/feeds/feed.json");
        for (file, links, shared, copied) in [
            (
                &datelines[..],
                feed,
                vec!["a1", "Plain title", "Alt", "img/a.jpg"],
                vec!["Two\nlines", "https://news.example/a.html"],
            ),
            (
                &json_feed[..],
                Links::default(),
                vec!["b1", "Clean", "https://example.org/b"],
                vec!["Tom & Jerry", "x y"],
            ),
        ] {
            let bytes = file.to_vec();
            let inside = bytes.as_ptr_range();
            let Ok(NewsFile::Feed(parsed)) = parse_any_with(bytes, &links) else { panic!("not a feed") };
            let item = &parsed.feed.items[0];
            let texts = [Some(&item.id), Some(&item.title), Some(&item.summary), item.body.as_ref()];
            let links = item.url.iter().chain(item.image.as_ref().map(|i| &i.src)).map(Link::rest);
            let alt = item.image.as_ref().map(|i| &i.alt);
            let texts: Vec<&SharedStr> =
                texts.into_iter().flatten().chain(links).chain(alt).filter(|t| !t.is_empty()).collect();
            let is_shared = |text: &str| inside.contains(&text.as_ptr());
            let found = |wanted: &str| {
                texts.iter().find(|t| t.as_str() == wanted).unwrap_or_else(|| panic!("{wanted} in {texts:?}"))
            };
            for text in shared {
                assert!(is_shared(found(text)), "{text} is shared with the file");
            }
            for text in copied {
                assert!(!is_shared(found(text)), "{text} is changed, so it is a copy");
            }
        }
    }

    #[test]
    fn a_plain_relative_link_is_kept_after_the_folder_it_resolves_against() {
        let json = br#"{"items": [
            {"date": "2025-03-01", "title": "A", "url": "news/a.html", "image": {"src": "img/a.jpg"}},
            {"date": "2025-03-02", "title": "B", "url": "/b.html", "image": {"src": "img/b.jpg"}}]}"#;
        let links = Links::relative_to("https://example.org/feeds/feed.json?v=2#top");
        let Ok(NewsFile::Feed(parsed)) = parse_any_with(json.to_vec(), &links) else { panic!("not a feed") };
        let [b, a] = &parsed.feed.items[..] else { panic!("two entries") };
        assert_eq!(String::from(a.url.as_ref().expect("url")), "https://example.org/feeds/news/a.html");
        assert_eq!(a.url.as_ref().expect("url").rest(), "news/a.html");
        assert_eq!(b.url.as_ref().expect("url").rest(), "https://example.org/b.html", "not plain: whole");
        let (a_src, b_src) = (&a.image.as_ref().expect("image").src, &b.image.as_ref().expect("image").src);
        assert_eq!(*a_src, "https://example.org/feeds/img/a.jpg");
        assert!(*a_src != "https://example.org/feeds/img/b.jpg" && *a_src != "img/a.jpg");
        assert_eq!(a_src.to_cow(), "https://example.org/feeds/img/a.jpg");
        assert_eq!(format!("{a_src:?}"), "\"https://example.org/feeds/img/a.jpg\"");
        assert_eq!(serde_json::to_string(a_src).expect("json"), "\"https://example.org/feeds/img/a.jpg\"");
        assert_eq!(*a_src, Link::from("https://example.org/feeds/img/a.jpg"), "equal to the same link made whole");
        assert!(*a_src != *b_src);
        let (a_folder, b_folder) = (a_src.folder().expect("a folder"), b_src.folder().expect("a folder"));
        assert!(Arc::ptr_eq(a_folder, b_folder), "one folder for the file's links");
        assert!(b.url.as_ref().expect("url").folder().is_none());
    }

    #[test]
    fn the_entries_take_about_the_room_they_need() {
        // 1,100 entries: doubling from 64 would leave room for 2,048.
        let feed = crate::synthetic::feed(1100);
        let parsed = parse_feed(datelines::to_json(&feed).as_bytes()).expect("read");
        assert_eq!(parsed.feed.items.len(), 1100);
        let room = parsed.feed.items.capacity();
        assert!((1100..1100 * 6 / 5).contains(&room), "room for {room} entries");
        // Long entries first, then short ones: the estimate grows with what is read.
        let long = format!(r#"{{"date": "2025-03-01", "title": "Long", "summary": "{}"}}"#, "word ".repeat(400));
        let short = r#"{"date": "2025-03-01", "title": "S"}"#;
        let entries: Vec<&str> = (0..2000).map(|i| if i < 100 { long.as_str() } else { short }).collect();
        let parsed = parse_feed(format!(r#"{{"items": [{}]}}"#, entries.join(",")).as_bytes()).expect("read");
        assert_eq!(parsed.feed.items.len(), 2000);
        let room = parsed.feed.items.capacity();
        assert!((2000..2000 * 13 / 10).contains(&room), "room for {room} entries");
        // Short entries, then a long member after them: the room it seemed to need is given back.
        let entries = vec![short; 100].join(",");
        let json = format!(r#"{{"items": [{entries}], "notes": "{}"}}"#, "x".repeat(1 << 20));
        let parsed = parse_feed(json.as_bytes()).expect("read");
        let room = parsed.feed.items.capacity();
        assert!((100..=100 + 100 / 8 + 16).contains(&room), "room for {room} entries");
    }

    #[test]
    fn links_are_made_absolute_against_the_files_address_as_it_is_read() {
        let json = br#"{"items": [
            {"date": "2025-03-01", "title": "A", "url": "../news/a.html", "image": {"src": "img/a.jpg"}},
            {"date": "2025-03-02", "title": "B", "url": "//cdn.example.org/b", "image": {"src": "javascript:x"}},
            {"date": "2025-03-03", "title": "C", "url": "java\tscript:alert(1)"}
        ]}"#;
        let links = Links::relative_to("https://example.org/feeds/all.json?v=2");
        let Ok(NewsFile::Feed(parsed)) = parse_any_with(json.to_vec(), &links) else { panic!("not a feed") };
        let [c, b, a] = &parsed.feed.items[..] else { panic!("three entries") };
        assert_eq!(a.url.as_ref().map(String::from).as_deref(), Some("https://example.org/news/a.html"));
        assert_eq!(
            a.image.as_ref().map(|i| String::from(&i.src)).as_deref(),
            Some("https://example.org/feeds/img/a.jpg")
        );
        assert_eq!(b.url.as_ref().map(String::from).as_deref(), Some("https://cdn.example.org/b"));
        assert_eq!(b.image, None);
        assert_eq!(c.url, None);
        let paths: Vec<_> = parsed.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["items[1].image.src", "items[2].url"]);
        // The same for a JSON Feed; a link that cannot be made absolute gives way to the next field.
        let json_feed = br#"{"version": "https://jsonfeed.org/version/1.1", "items": [
            {"id": "1", "date_published": "2025-03-01", "title": "A", "url": "https:",
             "external_url": "other.html", "image": "img/a.jpg"}]}"#;
        let Ok(NewsFile::Feed(feed)) = parse_any_with(json_feed.to_vec(), &links) else { panic!("not a feed") };
        let item = &feed.feed.items[0];
        assert_eq!(item.url.as_ref().map(String::from).as_deref(), Some("https://example.org/feeds/other.html"));
        assert_eq!(
            item.image.as_ref().map(|i| String::from(&i.src)).as_deref(),
            Some("https://example.org/feeds/img/a.jpg")
        );
        assert_eq!(feed.problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["items[0].url"]);
        // Without an address (the bundled file, the command line) links stay as written.
        let parsed = parse_feed(json).expect("feed");
        assert_eq!(parsed.feed.items[2].url.as_ref().map(String::from).as_deref(), Some("../news/a.html"));
    }

    fn err_position(err: &LoadError) -> (usize, usize) {
        match err {
            LoadError::NotJson { line, column, .. } => (*line, *column),
            other => panic!("not a JSON error: {other}"),
        }
    }
}
