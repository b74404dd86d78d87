//! Reading news data. One module per input format, plus detection and the shared report types.
//!
//! Every parser returns either a whole-file [`LoadError`] (the file can't be used at all) or a
//! [`Parsed`] feed together with per-entry [`Problem`]s: one bad entry never sinks the rest.

pub mod datelines;
pub mod jsonfeed;
pub mod listing;
pub mod shards;

use crate::model::Feed;
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
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson { line, column, reason } => {
                write!(f, "The file is not valid JSON: {reason} at line {line}, column {column}.")
            }
            LoadError::WrongShape(what) => write!(f, "The file is JSON but not a news feed: {what}."),
        }
    }
}

/// Parses JSON bytes with a clear error, accepting a leading UTF-8 byte order mark.
pub(crate) fn parse_json(bytes: &[u8]) -> Result<serde_json::Value, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| {
        let text = e.to_string();
        // serde_json appends " at line L column C"; we report the position ourselves.
        let reason = match text.rfind(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        LoadError::NotJson { line: e.line(), column: e.column(), reason }
    })
}

/// What a JSON file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// A feed (Datelines JSON or JSON Feed).
    Feed(Parsed),
    /// The index of a month-sharded archive.
    Index(shards::ArchiveIndex),
}

/// Reads a feed or a sharded archive's index, detected from the content.
pub fn parse_any(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let value = parse_json(bytes)?;
    if shards::is_index(&value) {
        shards::index_from_value(&value).map(Loaded::Index)
    } else {
        feed_from_value(&value).map(Loaded::Feed)
    }
}

fn feed_from_value(value: &serde_json::Value) -> Result<Parsed, LoadError> {
    if jsonfeed::is_json_feed(value) {
        jsonfeed::from_value(value)
    } else {
        datelines::from_value(value)
    }
}

/// Reads any supported JSON format (Datelines JSON, JSON Feed 1.0/1.1), detected from its content.
pub fn parse_feed(bytes: &[u8]) -> Result<Parsed, LoadError> {
    feed_from_value(&parse_json(bytes)?)
}
