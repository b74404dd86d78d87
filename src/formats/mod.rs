//! Reading news data. One module per input format, plus detection and the shared report types.
//!
//! Every parser returns either a whole-file [`LoadError`] (the file can't be used at all) or a
//! [`Parsed`] feed together with per-entry [`Problem`]s: one bad entry never sinks the rest.

pub mod datelines;
#[cfg(not(target_arch = "wasm32"))]
pub mod input;
pub mod json;
pub mod jsonfeed;
pub mod listing;
#[cfg(not(target_arch = "wasm32"))]
pub mod rss_atom;
#[cfg(not(target_arch = "wasm32"))]
pub mod shard_dir;
pub mod shards;

use crate::model::{Feed, NewsItem};
use crate::text::excerpt;
use json::{Json, Key, Object};
use std::collections::BTreeSet;
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

/// serde_json's message without its " at line L column C" (we report the position ourselves).
fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn not_json(e: &serde_json::Error) -> LoadError {
    LoadError::NotJson { line: e.line(), column: e.column(), reason: reason(e) }
}

/// A news file's top level, read without building the whole tree at once: every member but
/// `items` as a value, and `items` entry by entry, still as text. Each entry becomes a value
/// only while it is read, so a 10,000-entry file never exists as one big tree in memory.
pub(crate) struct Document<'a> {
    /// The file's bytes (after any BOM), for error positions.
    pub source: &'a [u8],
    pub root: Object<'a>,
    /// `None`: no `items`. `Err(kind)`: `items` is not an array but `kind` ("an object", ...).
    pub items: Option<Result<Vec<&'a serde_json::value::RawValue>, &'static str>>,
}

pub(crate) fn parse_document(bytes: &[u8]) -> Result<Document<'_>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<Root<'_>>(bytes) {
        Ok(Root { root, items }) => Ok(Document { source: bytes, root, items }),
        Err(e) if e.is_data() => {
            // Valid JSON, but not an object: say what it is.
            let value: Json<'_> = serde_json::from_slice(bytes).map_err(|e| not_json(&e))?;
            Err(LoadError::WrongShape(format!("the top level is {}, expected an object with \"items\"", value.kind())))
        }
        Err(e) => Err(not_json(&e)),
    }
}

/// The top level read in one pass: `items` entry by entry as text, every other member as a
/// value. (Reading the members as text first and `items` again after took a third of the time
/// a 10,000-entry feed needed in the browser.)
struct Root<'a> {
    root: Object<'a>,
    items: Option<Result<Vec<&'a serde_json::value::RawValue>, &'static str>>,
}

impl<'de> serde::Deserialize<'de> for Root<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RootVisitor)
    }
}

struct RootVisitor;

impl<'de> serde::de::Visitor<'de> for RootVisitor {
    type Value = Root<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Root<'de>, A::Error> {
        let mut root = Object::default();
        let mut items = None;
        while let Some(Key(key)) = map.next_key()? {
            if key == "items" {
                items = Some(map.next_value::<Items<'de>>()?.0);
            } else {
                root.insert(key, map.next_value()?);
            }
        }
        Ok(Root { root, items })
    }
}

/// `items`: an array's entries as text, or what else it is ("an object", ...).
struct Items<'a>(Result<Vec<&'a serde_json::value::RawValue>, &'static str>);

impl<'de> serde::Deserialize<'de> for Items<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ItemsVisitor)
    }
}

struct ItemsVisitor;

impl<'de> serde::de::Visitor<'de> for ItemsVisitor {
    type Value = Items<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Items<'de>, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(raw) = seq.next_element::<&'de serde_json::value::RawValue>()? {
            list.push(raw);
        }
        Ok(Items(Ok(list)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Items<'de>, A::Error> {
        // Only its kind is reported, so its members are skipped.
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(Items(Err(Json::Object(Object::default()).kind())))
    }

    fn visit_unit<E>(self) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Null.kind())))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Bool(v).kind())))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Number(v.into()).kind())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Number(v.into()).kind())))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Number(0.into()).kind())))
    }

    fn visit_str<E>(self, _: &str) -> Result<Items<'de>, E> {
        Ok(Items(Err(Json::Str("".into()).kind())))
    }
}

/// Where an entry is in a JSON file, `items[3]`, written out only when a problem names it. A feed
/// has thousands of entries and few problems: formatting a path for every entry up front took
/// a tenth of the time a 100,000-entry feed needs natively.
#[derive(Clone, Copy)]
pub(crate) struct EntryPath(pub usize);

impl fmt::Display for EntryPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "items[{}]", self.0)
    }
}

impl<'a> Document<'a> {
    /// Reads every entry with `read` (one format's reader), in file order, keeping ids unique
    /// (see [`UniqueIds`]).
    pub fn entries(
        &self,
        items: &[&'a serde_json::value::RawValue],
        read: impl Fn(&Json<'_>, &EntryPath, &mut Vec<Problem>) -> Result<NewsItem, Problem>,
    ) -> Result<(Vec<NewsItem>, Vec<Problem>), LoadError> {
        let mut problems = Vec::new();
        let mut ids = UniqueIds::default();
        let mut good = Vec::with_capacity(items.len());
        for (index, raw) in items.iter().enumerate() {
            let path = EntryPath(index);
            let raw = self.entry(raw)?;
            match read(&raw, &path, &mut problems) {
                Ok(mut item) => {
                    let explicit = raw.get("id").is_some_and(|id| !id.is_null());
                    match ids.claim(&mut item, explicit, &path, "id", "entry") {
                        Ok(()) => good.push(item),
                        Err(problem) => problems.push(problem),
                    }
                }
                Err(problem) => problems.push(problem),
            }
        }
        Ok((good, problems))
    }

    /// One entry as a value. Skipping over an entry checks only its outline, so escapes and
    /// nesting depth are checked here; an error is reported at its place in the whole file.
    pub fn entry<'r>(&self, raw: &'r serde_json::value::RawValue) -> Result<Json<'r>, LoadError> {
        serde_json::from_str(raw.get()).map_err(|e| {
            let (line, column, reason) = (e.line(), e.column(), reason(&e));
            let offset =
                (raw.get().as_ptr() as usize).saturating_sub(self.source.as_ptr() as usize).min(self.source.len());
            let before = &self.source[..offset];
            let base_line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let base_column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            if line <= 1 {
                LoadError::NotJson { line: base_line, column: base_column + column, reason }
            } else {
                LoadError::NotJson { line: base_line + line - 1, column, reason }
            }
        })
    }
}

/// The ids of a feed's entries so far, so that every id in a feed is unique, whatever the format.
#[derive(Default)]
pub(crate) struct UniqueIds(BTreeSet<String>);

impl UniqueIds {
    /// Records the entry's id. An id the file gives (`explicit`) that an earlier entry already
    /// uses is refused: the problem (at `{path}.{id_field}`) leaves this entry out. A derived id (date
    /// plus title) that collides is numbered instead: `-2`, `-3`, ... `noun` names the format's
    /// entries in the message ("entry", or "item" for RSS and Atom).
    pub(crate) fn claim(
        &mut self,
        item: &mut NewsItem,
        explicit: bool,
        path: &dyn fmt::Display,
        id_field: &str,
        noun: &str,
    ) -> Result<(), Problem> {
        if self.0.insert(item.id.clone()) {
            return Ok(());
        }
        if explicit {
            let message = format!("\"{}\" is used by an earlier {noun}; ids must be unique", item.id);
            return Err(Problem { path: format!("{path}.{id_field}"), message, skipped: true });
        }
        let base = std::mem::take(&mut item.id);
        let mut n = 2;
        while !self.0.insert(format!("{base}-{n}")) {
            n += 1;
        }
        item.id = format!("{base}-{n}");
        Ok(())
    }
}

/// The longest summary made from an entry's text, in characters.
pub const SUMMARY_CHARS: usize = 280;

/// The longest title made from the start of an entry's text, in characters.
pub const TEXT_TITLE_CHARS: usize = 80;

/// A summary made from an entry's whole text: its start, cut at a word.
pub(crate) fn summary_from(text: &str) -> String {
    excerpt(text, SUMMARY_CHARS)
}

/// An entry's title: its own when it has one; else the start of its text, with a warning at
/// `{path}.title`. With neither, the entry cannot be shown: the problem that leaves it out.
pub(crate) fn title_or_text(
    title: Option<String>,
    text: Option<&str>,
    path: &dyn fmt::Display,
    problems: &mut Vec<Problem>,
) -> Result<String, Problem> {
    if let Some(title) = title {
        return Ok(title);
    }
    let path = format!("{path}.title");
    match text {
        Some(text) => {
            let message = "is missing; the start of the text is used instead".into();
            problems.push(Problem { path, message, skipped: false });
            Ok(excerpt(text, TEXT_TITLE_CHARS))
        }
        None => Err(Problem { path, message: "is missing and the item has no text to show".into(), skipped: true }),
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

/// Reads a feed or a sharded archive's index, detected from the content.
pub fn parse_any(bytes: &[u8]) -> Result<NewsFile, LoadError> {
    let doc = parse_document(bytes)?;
    if shards::is_index(&doc.root) {
        shards::index_from_object(&doc.root).map(NewsFile::ArchiveIndex)
    } else {
        feed_from_document(doc).map(NewsFile::Feed)
    }
}

fn feed_from_document(doc: Document<'_>) -> Result<Parsed, LoadError> {
    if jsonfeed::is_json_feed(&doc.root) {
        jsonfeed::from_document(doc)
    } else {
        datelines::from_document(doc)
    }
}

/// Reads any supported JSON format (Datelines JSON, JSON Feed 1.0/1.1), detected from its content.
pub fn parse_feed(bytes: &[u8]) -> Result<Parsed, LoadError> {
    feed_from_document(parse_document(bytes)?)
}
