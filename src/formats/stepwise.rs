//! A JSON feed read a slice of entries at a time, so that the browser can run other work between
//! slices: a 10,000-entry feed read in one go is a task of about 230 ms on a phone (4× slower
//! CPU), during which the host page does not answer its reader.
//!
//! The file is first scanned for the byte ranges of its `items` (a plain loop over the bytes:
//! strings and nesting, nothing more); its other members are read as [`parse_any_with`] reads
//! them, from the file with an empty `items`; then each entry is read from its own range by the
//! same entry reader, in order. Any file this does not fit (XML, an archive index, no `items`
//! array, a key with escapes, JSON the scan or an entry's reading finds broken) is read whole,
//! so the result, and every error, is [`parse_any_with`]'s own. Natively, tests compare the two
//! on every corpus file.

use super::document::{parse_document, utf8_text, EntryReader, FileText, Reader};
use super::sniff::Sniffed;
use super::{feed_from_document, parse_any_with, shards, sniff, LoadError, NewsFile, SNIFF_BYTES};
use crate::formats::json::Json;
use crate::urls::Links;
use std::ops::Range;
use std::sync::Arc;

/// A file being read: done at once, or a JSON feed whose entries are read by [`Stepwise::step`].
pub enum Reading {
    Done(Result<NewsFile, LoadError>),
    Stepwise(Stepwise),
}

/// A JSON feed's entries read a slice at a time; [`Stepwise::finish`] gives what
/// [`parse_any_with`] gives for the same file.
pub struct Stepwise {
    file: Arc<String>,
    links: Links,
    /// The file with `[]` for its entries: its other members, read again by `finish`.
    outline: Arc<String>,
    /// Each entry's range in the JSON text (the file after any byte order mark).
    entries: Vec<Range<usize>>,
    next: usize,
    reader: Option<EntryReader>,
    /// An entry that is not JSON: the whole file is read again, for the error's place.
    broken: bool,
}

/// How deep an entry may nest and still be read on its own: serde_json stops at 128 levels,
/// and in the whole file an entry starts two levels down.
const MAX_DEPTH: usize = 120;

/// Files smaller than this are read whole: one task at most a few milliseconds long.
pub const STEPWISE_BYTES: usize = 64 * 1024;

/// Starts reading `bytes` fetched from an address (see [`parse_any_with`]).
pub fn start(bytes: Vec<u8>, links: &Links) -> Reading {
    start_from(bytes, links, STEPWISE_BYTES)
}

/// [`start`] for files of `least` bytes or more.
fn start_from(bytes: Vec<u8>, links: &Links, least: usize) -> Reading {
    // What parse_any_with reads as JSON: anything but XML with a root element.
    let json = match sniff::sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        Sniffed::NotXml => true,
        Sniffed::OtherXml(root) => root.is_empty(),
        _ => false,
    };
    if bytes.len() < least || !json {
        return Reading::Done(parse_any_with(bytes, links));
    }
    let file = match utf8_text(bytes) {
        Ok(file) => file,
        Err(error) => return Reading::Done(Err(error)),
    };
    let json = json_text(&file);
    let Some((items, entries)) = scan(json) else { return whole(&file, links) };
    let outline = Arc::new([&json[..items.start], "[]", &json[items.end..]].concat());
    // The reader the other members point to, as the whole reading would choose it.
    let reader = match parse_document(FileText { file: &outline, links }) {
        Ok(doc) if !shards::is_index(&doc.root) && matches!(doc.items, Some(Ok(_))) => Reader::for_root(&doc.root),
        _ => return whole(&file, links),
    };
    let reader = Some(EntryReader::new(reader, entries.len()));
    Reading::Stepwise(Stepwise { file, links: links.clone(), outline, entries, next: 0, reader, broken: false })
}

/// The file read whole (it is already known to be UTF-8 text).
fn whole(file: &Arc<String>, links: &Links) -> Reading {
    Reading::Done(parse_any_with(file.as_bytes().to_vec(), links))
}

fn json_text(file: &str) -> &str {
    file.strip_prefix('\u{feff}').unwrap_or(file)
}

impl Stepwise {
    /// Reads up to `count` more entries; true once every entry is read.
    pub fn step(&mut self, count: usize) -> bool {
        let (Some(reader), false) = (self.reader.as_mut(), self.broken) else { return true };
        let source = FileText { file: &self.file, links: &self.links };
        let json = json_text(&self.file);
        let end = self.next.saturating_add(count).min(self.entries.len());
        for range in &self.entries[self.next..end] {
            let Some(text) = json.get(range.clone()) else {
                self.broken = true;
                return true;
            };
            match serde_json::from_str::<Json<'_>>(text) {
                Ok(entry) => reader.add(&entry, source),
                Err(_) => {
                    self.broken = true;
                    return true;
                }
            }
        }
        self.next = end;
        self.next >= self.entries.len()
    }

    /// How many entries the file has, and how many are read.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.entries.len())
    }

    /// The file as [`parse_any_with`] reads it: the entries read so far (all of them, after the
    /// last step) in the feed its other members describe.
    pub fn finish(mut self) -> Result<NewsFile, LoadError> {
        let reader = self.reader.take();
        if self.broken || reader.is_none() || self.next < self.entries.len() {
            drop(reader);
            return parse_any_with(self.file.as_bytes().to_vec(), &self.links);
        }
        let mut doc = parse_document(FileText { file: &self.outline, links: &self.links })?;
        doc.items = reader.map(|r| Ok(r.finish()));
        // The entries share the file's text: the file goes with them, the outline does not.
        doc.source = FileText { file: &self.file, links: &self.links };
        feed_from_document(doc).map(NewsFile::Feed)
    }
}

/// The range of the top-level `items` array in `json` and of each of its entries, or `None`
/// when the file is not an object whose `items` is an array seen once, with keys free of
/// escapes. Strings and nesting only: the entries' own JSON is checked when each is read.
fn scan(json: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let bytes = json.as_bytes();
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    let mut found = None;
    loop {
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b'}' => break,
            b'"' => {}
            _ => return None,
        }
        let key_end = string_end(bytes, at)?;
        let key = &bytes[at + 1..key_end - 1];
        if key.contains(&b'\\') {
            return None;
        }
        at = skip_space(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(bytes, at + 1);
        let value_end = value_end(bytes, at)?;
        if key == b"items" {
            if found.is_some() || bytes.get(at) != Some(&b'[') {
                return None;
            }
            found = Some((at..value_end, entries(bytes, at, value_end)?));
        }
        at = skip_space(bytes, value_end);
        match bytes.get(at)? {
            b',' => at += 1,
            b'}' => break,
            _ => return None,
        }
    }
    // Nothing but space after the object.
    if skip_space(bytes, at + 1) != bytes.len() {
        return None;
    }
    found
}

/// The ranges of the values inside the array at `start..end`.
fn entries(bytes: &[u8], start: usize, end: usize) -> Option<Vec<Range<usize>>> {
    let mut ranges = Vec::new();
    let mut at = skip_space(bytes, start + 1);
    if bytes.get(at) == Some(&b']') {
        return Some(ranges);
    }
    loop {
        let value_end = value_end(bytes, at)?;
        ranges.push(at..value_end);
        at = skip_space(bytes, value_end);
        match bytes.get(at)? {
            b',' => at = skip_space(bytes, at + 1),
            b']' if at + 1 == end => return Some(ranges),
            _ => return None,
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end (after the closing quote) of the string that starts at `at`. (`position` over the
/// rest rather than a step per byte: the scan is most of a 10,000-entry file's first slice.)
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i += bytes.get(i..)?.iter().position(|&b| b == b'"' || b == b'\\')?;
        if bytes[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

/// The end of the value that starts at `at`: a string, an array or object (to its matching
/// bracket, strings skipped), or a scalar (to the next delimiter).
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                i += bytes.get(i..)?.iter().position(|&b| matches!(b, b'"' | b'{' | b'[' | b'}' | b']'))?;
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    // Deeper than serde_json reads an entry inside the file (its limit is 128
                    // levels, two of them the file's own): read whole, for the same error.
                    b'{' | b'[' if depth >= MAX_DEPTH => return None,
                    b'{' | b'[' => depth += 1,
                    _ => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                }
                i += 1;
            }
        }
        _ => {
            let rest = bytes.get(at..)?;
            let len = rest
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            (len > 0).then_some(at + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bytes` read stepwise, `count` entries a step.
    fn stepwise(bytes: &[u8], count: usize, links: &Links) -> (Result<NewsFile, LoadError>, usize) {
        match start(bytes.to_vec(), links) {
            Reading::Done(result) => (result, 0),
            Reading::Stepwise(mut reading) => {
                let mut steps = 1;
                while !reading.step(count) {
                    steps += 1;
                }
                (reading.finish(), steps)
            }
        }
    }

    /// A feed of `n` entries, padded past [`STEPWISE_BYTES`].
    fn big(n: usize, extra: &str) -> String {
        let pad = "x".repeat(STEPWISE_BYTES / n + 10);
        let items: Vec<String> = (0..n)
            .map(|i| {
                format!(r#"{{"id":"e{i}","date":"2025-03-{:02}","title":"Entry {i}","summary":"{pad}"}}"#, 1 + i % 28)
            })
            .collect();
        format!(r#"{{"title":"Big","items":[{}]{extra}}}"#, items.join(",\n"))
    }

    #[test]
    fn a_big_feed_read_in_steps_is_the_feed_read_whole() {
        let links = Links::relative_to("https://example.org/news/feed.json");
        let file = big(200, "");
        let whole = parse_any_with(file.clone().into_bytes(), &links);
        assert!(matches!(&whole, Ok(NewsFile::Feed(p)) if p.feed.items.len() == 200), "{whole:?}");
        for count in [1, 7, 64, 1000] {
            let (read, steps) = stepwise(file.as_bytes(), count, &links);
            assert_eq!(read, whole, "{count} a step");
            assert_eq!(steps, 200usize.div_ceil(count).max(1), "{count} a step");
        }
    }

    #[test]
    fn what_does_not_fit_is_read_whole_with_the_same_result_or_error() {
        let links = Links::default();
        let json_feed =
            big(50, "").replace(r#"{"title":"Big""#, r#"{"version":"https://jsonfeed.org/version/1.1","title":"Big""#);
        let late_version = big(50, r#","version":"https://jsonfeed.org/version/1""#);
        let broken_entry = big(50, "").replacen(r#""title":"Entry 7""#, r#""title":"Entry 7"#, 1);
        let duplicate_ids = big(50, "").replace(r#""id":"e3""#, r#""id":"e2""#);
        let cases = [
            ("small", r#"{"items":[{"title":"One","date":"2025-01-01"}]}"#.to_string()),
            ("JSON Feed", json_feed),
            ("a version after the entries", late_version),
            ("an entry that is not JSON", broken_entry),
            ("duplicate ids", duplicate_ids),
            ("items not an array", format!(r#"{{"items":{{"a":1}},"pad":"{}"}}"#, "x".repeat(STEPWISE_BYTES))),
            ("no items", format!(r#"{{"title":"T","pad":"{}"}}"#, "x".repeat(STEPWISE_BYTES))),
            ("items twice", format!(r#"{{"items":[],"pad":"{}","items":[]}}"#, "x".repeat(STEPWISE_BYTES))),
            ("an escaped key", big(20, "").replacen(r#""items""#, r#""\u0069tems""#, 1)),
            ("trailing text", big(20, "") + " x"),
            ("a byte order mark", format!("\u{feff}{}", big(20, ""))),
            (
                "an archive index",
                format!(
                    r#"{{"title":"A","months":[{{"month":"2025-01","src":"2025-01.json","count":1}}],"pad":"{}"}}"#,
                    "x".repeat(STEPWISE_BYTES)
                ),
            ),
        ];
        for (why, file) in cases {
            let whole = parse_any_with(file.clone().into_bytes(), &links);
            assert_eq!(stepwise(file.as_bytes(), 3, &links).0, whole, "{why}");
        }
        let xml = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><description>{}</description></channel></rss>", "x".repeat(STEPWISE_BYTES));
        assert!(matches!(start(xml.into_bytes(), &links), Reading::Done(_)), "XML is read whole");
    }

    #[test]
    fn every_json_file_of_the_tests_reads_the_same_in_steps() {
        let links = Links::relative_to("https://example.org/feeds/");
        let mut read = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("the tests folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let bytes = std::fs::read(&path).expect("a test file");
                    let whole = parse_any_with(bytes.clone(), &links);
                    let stepped = match start_from(bytes, &links, 0) {
                        Reading::Done(result) => result,
                        Reading::Stepwise(mut reading) => {
                            read += 1;
                            while !reading.step(2) {}
                            reading.finish()
                        }
                    };
                    assert_eq!(stepped, whole, "{}", path.display());
                }
            }
        }
        assert!(read >= 20, "{read} files were read in steps");
    }

    #[test]
    fn the_scan_finds_each_entry_and_nothing_else() {
        let json =
            r#" { "a" : [1, {"items": [9]}], "items" : [ {"t":"a,]}\"b"} , [1,[2]], "s", 3 , null ] , "z": "}" } "#;
        let (items, entries) = scan(json).expect("a feed's outline");
        assert!(json[items].starts_with("[ {\"t\""));
        let parts: Vec<&str> = entries.into_iter().map(|r| &json[r]).collect();
        assert_eq!(parts, [r#"{"t":"a,]}\"b"}"#, "[1,[2]]", r#""s""#, "3", "null"]);
        for broken in [
            "",
            "[]",
            r#"{"items":[1,]}"#,
            r#"{"items":[1 2]}"#,
            r#"{"items":[{]}"#,
            r#"{"items":"#,
            r#"{"items":["a]}"#,
            r#"{"a" 1}"#,
        ] {
            assert_eq!(scan(broken), None, "{broken}");
        }
        assert_eq!(scan(r#"{"items":[]}"#), Some((9..11, vec![])));
        let deep = format!(r#"{{"items":[{}1{}]}}"#, "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(scan(&deep), None, "too deep to read on its own: read whole");
    }
}
