//! Reading an input file and detecting its format from the content.

use crate::output::Progress;
use crate::xml::{self, Sniffed};
use datelines::formats::{self, listing, Parsed};
use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// import and shard: every format, and a file that cannot be read is an error (exit 2).
    Import,
    /// validate: RSS/Atom, else JSON as the browser reads it; a broken file is a finding (exit 1).
    Validate,
}

pub struct Loaded {
    pub parsed: Parsed,
    /// The detected format, for messages.
    pub format: &'static str,
    /// For validate only: why the whole file is unusable (then `parsed` is empty).
    pub result: Result<(), String>,
}

impl Loaded {
    fn ok(parsed: Parsed, format: &'static str) -> Self {
        Loaded { parsed, format, result: Ok(()) }
    }
}

/// The whole input: a file, or stdin for `-`.
fn read(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {}", io_reason(&e)))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {}", io_reason(&e)))
}

/// An I/O error without Rust's " (os error 2)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// How messages name an input: its path, or "stdin" for `-`.
pub fn display_name(path: &str) -> &str {
    if path == "-" {
        "stdin"
    } else {
        path
    }
}

/// Reads `path` for conversion (`import`, `shard`) and reports each problem on stderr as
/// `<name>: <path>: <reason>`. Returns the result with the input's display name.
pub fn load_reporting<'a>(path: &'a str, progress: &Progress) -> Result<(Loaded, &'a str), String> {
    let loaded = load(path, Mode::Import, progress)?;
    let name = display_name(path);
    for problem in &loaded.parsed.problems {
        eprintln!("{name}: {problem}");
    }
    Ok((loaded, name))
}

pub fn load(path: &str, mode: Mode, progress: &Progress) -> Result<Loaded, String> {
    let bytes = read(path)?;
    let name = display_name(path);
    progress.note(&format!("{name}: {} read", megabytes(bytes.len())));
    match xml::sniff(&bytes[..bytes.len().min(64 * 1024)]) {
        Sniffed::Rss | Sniffed::Rdf | Sniffed::Atom => {
            let converted = xml::convert(&bytes, |n| progress.every(n, "entries read"));
            return match (converted, mode) {
                (Ok(converted), _) => {
                    progress.done(converted.parsed.feed.items.len() + converted.parsed.skipped(), "entries read");
                    Ok(Loaded::ok(converted.parsed, converted.format))
                }
                (Err(message), Mode::Import) => Err(format!("{name}: {message}")),
                (Err(message), Mode::Validate) => Ok(Loaded { parsed: Parsed::default(), format: "XML", result: Err(message) }),
            };
        }
        Sniffed::OtherXml(root) if mode == Mode::Import => {
            let what = if root.is_empty() { "XML".to_string() } else { format!("XML whose root element is <{root}>") };
            return Err(format!("{name}: unknown format: {what}, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)"));
        }
        _ => {}
    }
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).iter().find(|b| !b.is_ascii_whitespace()).copied();
    let json = matches!(text_start, Some(b'{' | b'['));
    if json || mode == Mode::Validate {
        let parsed = formats::parse_feed(&bytes);
        return match (parsed, mode) {
            (Ok(parsed), _) => {
                progress.done(parsed.feed.items.len() + parsed.skipped(), "entries read");
                Ok(Loaded::ok(parsed, json_kind(&bytes)))
            }
            (Err(e), Mode::Import) => Err(format!("{name}: {e}")),
            (Err(e), Mode::Validate) => Ok(Loaded { parsed: Parsed::default(), format: "JSON", result: Err(e.to_string()) }),
        };
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(format!("{name}: unknown format: not UTF-8 text, JSON, RSS or Atom"));
    };
    let parsed = listing::parse(text);
    if parsed.feed.items.is_empty() {
        return Err(format!("{name}: unknown format: not JSON, RSS or Atom, and no news listing entries found"));
    }
    Ok(Loaded::ok(parsed, "a news listing"))
}

/// "JSON Feed" or "Datelines JSON", for messages: the same test as the shared parser's (a
/// top-level `version` naming jsonfeed.org), reading nothing else.
fn json_kind(bytes: &[u8]) -> &'static str {
    #[derive(serde::Deserialize)]
    struct Top {
        version: Option<serde_json::Value>,
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let version = serde_json::from_slice::<Top>(bytes).ok().and_then(|top| top.version);
    if version.as_ref().and_then(serde_json::Value::as_str).is_some_and(|v| v.contains("jsonfeed.org/version/")) {
        "JSON Feed"
    } else {
        "Datelines JSON"
    }
}

fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
