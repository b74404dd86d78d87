//! Input files for the command line (native only): reading a file or stdin, and detecting the
//! format from the content, never from the file name.

use super::rss_atom::{self, XmlFormat};
use super::sniff::{sniff, Sniffed};
use super::{feed_from_document, listing, parse_document, utf8_text, FileText, Parsed, Reader, SNIFF_BYTES};
use std::fmt;
use std::io::Read;

/// Every format an input can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rss2,
    Rss09,
    Rss1,
    Atom,
    JsonFeed,
    DatelinesJson,
    /// The text copied from a news page (see [`listing`]).
    Listing,
}

impl fmt::Display for Format {
    /// The name messages use: "5 entries imported from RSS 2.0".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Rss2 => "RSS 2.0",
            Format::Rss09 => "RSS 0.9x",
            Format::Rss1 => "RSS 1.0",
            Format::Atom => "Atom",
            Format::JsonFeed => "JSON Feed",
            Format::DatelinesJson => "Datelines JSON",
            Format::Listing => "a news listing",
        })
    }
}

/// Which formats an input may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every format (import and shard).
    Import,
    /// RSS/Atom, else JSON as the browser reads it (validate): a file that is neither gets the
    /// browser's own JSON error.
    Validate,
}

/// Reads an input in any format `mode` allows. The error is one line without the input's name:
/// why the whole input cannot be used. `progress` is called with the running count of entries
/// read, for formats read entry by entry (RSS and Atom).
pub fn parse(bytes: Vec<u8>, mode: Mode, progress: impl FnMut(usize)) -> Result<(Parsed, Format), String> {
    match sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        Sniffed::Rss | Sniffed::Rdf | Sniffed::Atom => {
            let xml = rss_atom::read(&bytes, &crate::urls::Links::default(), progress).map_err(|e| e.to_string())?;
            let format = match xml.format {
                XmlFormat::Rss2 => Format::Rss2,
                XmlFormat::Rss09 => Format::Rss09,
                XmlFormat::Rss1 => Format::Rss1,
                XmlFormat::Atom => Format::Atom,
            };
            return Ok((xml.parsed, format));
        }
        Sniffed::OtherXml(root) if mode == Mode::Import => {
            let what = if root.is_empty() { "XML".to_string() } else { format!("XML whose root element is <{root}>") };
            return Err(format!("unknown format: {what}, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)"));
        }
        // validate says what the page would: a web page and its feeds, or XML of another kind.
        Sniffed::OtherXml(root) if !root.is_empty() => {
            return match super::parse_any_with(bytes, &crate::urls::Links::default()) {
                Err(e) => Err(e.to_string()),
                Ok(_) => Err(format!("XML whose root element is <{root}>")),
            };
        }
        _ => {}
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let json = matches!(text.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['));
    if json || mode == Mode::Validate {
        let links = crate::urls::Links::default();
        let file = utf8_text(bytes).map_err(|e| e.to_string())?;
        let doc = parse_document(FileText { file: &file, links: &links }).map_err(|e| e.to_string())?;
        let format = match Reader::for_root(&doc.root) {
            Reader::JsonFeed => Format::JsonFeed,
            Reader::Datelines => Format::DatelinesJson,
        };
        return feed_from_document(doc).map(|parsed| (parsed, format)).map_err(|e| e.to_string());
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err("unknown format: not UTF-8 text, JSON, RSS or Atom".to_string());
    };
    let parsed = listing::parse(text);
    if parsed.feed.items.is_empty() {
        return Err("unknown format: not JSON, RSS or Atom, and no news listing entries found".to_string());
    }
    Ok((parsed, Format::Listing))
}

/// The whole of an input: the file at `path`, or stdin for `-`. The error names the input.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {}", io_reason(&e)))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {}", io_reason(&e)))
}

/// An I/O error for a message: without Rust's " (os error 2)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(bytes: &[u8], mode: Mode) -> Result<Format, String> {
        parse(bytes.to_vec(), mode, |_| {}).map(|(_, format)| format)
    }

    #[test]
    fn the_format_comes_from_the_content() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>";
        assert_eq!(format_of(rss, Mode::Import), Ok(Format::Rss2));
        assert_eq!(format_of(b"\xEF\xBB\xBF {\"items\": []}", Mode::Import), Ok(Format::DatelinesJson));
        let json_feed = br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#;
        assert_eq!(format_of(json_feed, Mode::Import), Ok(Format::JsonFeed));
        let listing = include_str!("../../tests/fixtures/news-page.txt");
        assert_eq!(format_of(listing.as_bytes(), Mode::Import), Ok(Format::Listing));
    }

    #[test]
    fn validate_reads_anything_but_rss_and_atom_as_json() {
        let html = b"<!DOCTYPE html><html></html>";
        let import = format_of(html, Mode::Import).expect_err("not a feed");
        assert!(import.contains("XML whose root element is <html>"), "{import}");
        let validate = format_of(html, Mode::Validate).expect_err("a web page");
        assert!(validate.starts_with("The address is a web page that announces no feed"), "{validate}");
        let other = format_of(b"<?xml version=\"1.0\"?><svg/>", Mode::Validate).expect_err("other XML");
        assert!(
            other.starts_with("The file is not a feed that can be read: XML whose root element is <svg>"),
            "{other}"
        );
        let text = format_of(b"plain words", Mode::Import).expect_err("no listing");
        assert!(text.contains("no news listing entries found"), "{text}");
        assert!(format_of(b"\xFF\xFE", Mode::Import).expect_err("binary").contains("not UTF-8"));
    }
}
