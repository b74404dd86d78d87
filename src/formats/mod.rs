//! Reading news data. One module per input format, plus detection and the shared report types.
//!
//! Every parser returns either a whole-file [`LoadError`] (the file can't be used at all) or a
//! [`Parsed`] feed together with per-entry [`Problem`]s: one bad entry never sinks the rest.

pub mod datelines;
pub mod discover;
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
pub mod xml;

use crate::dates::ItemDate;
use crate::model::{Feed, Link, NewsItem, SharedStr};
use crate::text::excerpt;
use crate::urls::Links;
use json::{Json, Key, Object};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

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
/// `items` as a value, and `items` entry by entry, each entry a value only while it is read, so
/// a 10,000-entry file never exists as one big tree in memory.
pub(crate) struct Document<'a> {
    /// The file, to read the entries again when needed.
    pub source: FileText<'a>,
    pub root: Object<'a>,
    /// `None`: no `items`. `Err(kind)`: `items` is not an array but `kind` ("an object", ...).
    pub items: Option<Result<Entries, &'static str>>,
}

/// The file entries are read from: its text, which their texts share instead of copying it, and
/// what its links resolve against.
#[derive(Clone, Copy)]
pub(crate) struct FileText<'a> {
    pub file: &'a Arc<String>,
    pub links: &'a Links,
}

impl<'a> FileText<'a> {
    /// The JSON text: the file after any byte order mark.
    fn json(&self) -> &'a str {
        let file: &'a str = self.file;
        file.strip_prefix("\u{feff}").unwrap_or(file)
    }

    /// `text` as an entry keeps it: shared when it is the file's own, else copied.
    pub fn text(&self, text: &str) -> SharedStr {
        SharedStr::within(self.file, text)
    }

    /// [`FileText::text`] for text that may have been changed: kept without another copy then.
    pub fn changed_text(&self, text: Cow<'_, str>) -> SharedStr {
        match text {
            Cow::Borrowed(text) => self.text(text),
            Cow::Owned(text) => SharedStr::from(text),
        }
    }

    /// `link` made usable ([`Links::usable`]): shared when it stands in the file as is, or
    /// follows the file's folder as it stands.
    pub fn link(&self, link: &str) -> Option<Link> {
        let (folder, rest) = self.links.usable_parts(link)?;
        Some(Link::new(folder.cloned(), self.changed_text(rest)))
    }
}

/// Where an entry is in a JSON file, `items[3]`, written out only when a problem names it. A feed
/// has thousands of entries and few problems: formatting a path for every entry up front took
/// a tenth of the time a 10,000-entry feed needs natively.
#[derive(Clone, Copy)]
pub(crate) struct EntryPath(pub usize);

impl fmt::Display for EntryPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "items[{}]", self.0)
    }
}

/// An entry reader's signature: the item, or the problem that leaves it out; warnings go to the
/// list.
type ReadFn = fn(&Json<'_>, &EntryPath, FileText<'_>, &mut Vec<Problem>) -> Result<NewsItem, Problem>;

/// One format's reader of an entry: what it shows, and the problems it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    Datelines,
    JsonFeed,
}

impl Reader {
    /// The reader the top-level members point to (a JSON Feed names itself in `version`).
    pub(crate) fn for_root(root: &Object<'_>) -> Reader {
        if jsonfeed::is_json_feed(root) {
            Reader::JsonFeed
        } else {
            Reader::Datelines
        }
    }

    fn read_fn(self) -> ReadFn {
        match self {
            Reader::Datelines => datelines::read_item,
            Reader::JsonFeed => jsonfeed::read_item,
        }
    }
}

/// A file's entries, read in the same pass as the top level by the reader that the members
/// before `items` pointed to. (Skipping over the entries as text and reading them in a second
/// pass took 11% more instructions natively.)
pub(crate) struct Entries {
    reader: Reader,
    good: Vec<NewsItem>,
    problems: Vec<Problem>,
}

impl Entries {
    /// The entries as `reader` reads them, in file order, ids unique (see [`UniqueIds`]). In the
    /// rare file where a member after `items` says it is another format (a JSON Feed's
    /// `version`), the file (`source`) is read again with `reader`.
    pub fn read(self, reader: Reader, source: FileText<'_>) -> Result<(Vec<NewsItem>, Vec<Problem>), LoadError> {
        let Entries { reader: used, good, problems } = self;
        if used == reader {
            return Ok((good, problems));
        }
        // The first reading goes before the second starts.
        drop((good, problems));
        match read_document(source, Some(reader))?.items {
            Some(Ok(again)) => Ok((again.good, again.problems)),
            // The same bytes read again have the same outline.
            _ => Err(LoadError::WrongShape("its entries cannot be read".into())),
        }
    }
}

/// Reads entries one by one into a feed's items and problems.
struct EntryReader<'a> {
    source: FileText<'a>,
    /// Entries read so far.
    count: usize,
    ids: UniqueIds,
    read: Entries,
}

impl<'a> EntryReader<'a> {
    fn new(reader: Reader, source: FileText<'a>) -> Self {
        let read = Entries { reader, good: Vec::with_capacity(64), problems: Vec::new() };
        EntryReader { source, count: 0, ids: UniqueIds::default(), read }
    }

    /// Reads the next entry.
    fn add(&mut self, raw: &Json<'_>) {
        if self.read.good.len() == self.read.good.capacity() {
            self.make_room(raw);
        }
        let path = EntryPath(self.count);
        self.count += 1;
        let Entries { reader, good, problems } = &mut self.read;
        match reader.read_fn()(raw, &path, self.source, problems) {
            Ok(mut item) => {
                let explicit = raw.get("id").is_some_and(|id| !id.is_null());
                match self.ids.claim(&mut item, good, explicit, &path, "id", "entry") {
                    Ok(()) => good.push(item),
                    Err(problem) => problems.push(problem),
                }
            }
            Err(problem) => problems.push(problem),
        }
    }

    /// Makes room for the rest of the entries, estimated from how far into the file the next
    /// one (`entry`) starts. How many entries a file has is known only at its end; doubling the
    /// list each time it is full would hold up to three times the room it needs at once while
    /// moving it (wasm memory never shrinks: about 3 MB more at 100,000 entries).
    fn make_room(&mut self, entry: &Json<'_>) {
        let (source, good) = (self.source.json().as_bytes(), &mut self.read.good);
        let read = self.count.max(1);
        let estimate = match entry.as_object().and_then(|o| o.offset_in(source)) {
            // In 64 bits: 100,000 entries times 45 MB overflows a wasm32 `usize`. An entry takes
            // at least three bytes (`{},`).
            Some(offset) if offset > 0 => {
                let estimate = (read as u64).saturating_mul(source.len() as u64) / offset as u64;
                usize::try_from(estimate.min(source.len() as u64 / 3)).unwrap_or(usize::MAX)
            }
            _ => read * 2,
        };
        // A sixteenth more, as the entries ahead may be shorter; and at least a quarter more than
        // now, so that a file whose first entries are long is not moved many times.
        let now = good.len();
        let wanted = estimate.saturating_add(estimate / 16).max(now + now / 4).max(read + 16);
        // Whatever follows the entries counts as more of them: too much room is given back in
        // `finish`, and room that cannot be had at all falls back to growing by a quarter.
        if good.try_reserve_exact(wanted.saturating_sub(now)).is_err() {
            good.reserve(now / 4 + 16);
        }
    }

    fn finish(mut self) -> Entries {
        let good = &mut self.read.good;
        if good.capacity() > good.len() + good.len() / 8 + 16 {
            good.shrink_to_fit();
        }
        self.read
    }
}

/// The file as text the entries can share, or why it cannot be read.
pub(crate) fn utf8_text(bytes: Vec<u8>) -> Result<Arc<String>, LoadError> {
    // Checked as UTF-8 once and read as text: read as bytes, serde_json checks each string on its
    // own (10% more instructions for 10,000 entries).
    String::from_utf8(bytes).map(Arc::new).map_err(|e| {
        // Reported in the JSON text, after any byte order mark.
        let (bytes, valid) = (e.as_bytes(), e.utf8_error().valid_up_to());
        match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(json) => not_utf8(json, valid.saturating_sub(3)),
            None => not_utf8(bytes, valid),
        }
    })
}

/// Reads a file's top level and entries.
pub(crate) fn parse_document(source: FileText<'_>) -> Result<Document<'_>, LoadError> {
    read_document(source, None)
}

/// Reads the top level and the entries, these by `reader`, or by the reader the members before
/// `items` point to.
fn read_document(source: FileText<'_>, reader: Option<Reader>) -> Result<Document<'_>, LoadError> {
    use serde::Deserializer as _;
    let text = source.json();
    let mut json = serde_json::Deserializer::from_str(text);
    let visitor = RootVisitor { reader, source };
    let root = json.deserialize_map(visitor).and_then(|root| json.end().map(|()| root));
    match root {
        Ok(Root { root, items }) => Ok(Document { source, root, items }),
        Err(e) if e.is_data() => {
            // Valid JSON, but not an object: say what it is.
            let value: Json<'_> = serde_json::from_str(text).map_err(|e| not_json(&e))?;
            Err(LoadError::WrongShape(format!("the top level is {}, expected an object with \"items\"", value.kind())))
        }
        Err(e) => Err(not_json(&e)),
    }
}

/// The error for bytes that are not UTF-8 text from `offset` on: the JSON error before that
/// point if there is one (a page of HTML or a binary file is "not valid JSON at line 1, column
/// 1"), else the position of the first byte that is not UTF-8.
fn not_utf8(bytes: &[u8], offset: usize) -> LoadError {
    let before = &bytes[..offset.min(bytes.len())];
    if let Ok(valid) = std::str::from_utf8(before) {
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(valid) {
            if !e.is_eof() {
                return not_json(&e);
            }
        }
    }
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    LoadError::NotJson { line, column, reason: "invalid UTF-8".into() }
}

/// The top level, read in one pass.
struct Root<'a> {
    root: Object<'a>,
    items: Option<Result<Entries, &'static str>>,
}

struct RootVisitor<'a> {
    reader: Option<Reader>,
    source: FileText<'a>,
}

impl<'de> serde::de::Visitor<'de> for RootVisitor<'de> {
    type Value = Root<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Root<'de>, A::Error> {
        let mut root = Object::default();
        let mut items = None;
        while let Some(Key(key)) = map.next_key()? {
            if key == "items" {
                // `Entries::read` reads them again in the rare file where a later member says
                // the file is another format.
                let reader = self.reader.unwrap_or_else(|| Reader::for_root(&root));
                items = Some(map.next_value_seed(ItemsVisitor { reader, source: self.source })?);
            } else {
                root.insert(key, map.next_value()?);
            }
        }
        Ok(Root { root, items })
    }
}

/// `items`: an array's entries read by `reader`, or what else it is ("an object", ...).
struct ItemsVisitor<'a> {
    reader: Reader,
    source: FileText<'a>,
}

impl<'de> serde::de::DeserializeSeed<'de> for ItemsVisitor<'de> {
    type Value = Result<Entries, &'static str>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ItemsVisitor<'de> {
    type Value = Result<Entries, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = EntryReader::new(self.reader, self.source);
        // Each entry is a value only while it is read.
        while let Some(entry) = seq.next_element::<Json<'de>>()? {
            entries.add(&entry);
        }
        Ok(Ok(entries.finish()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Only its kind is reported, so its members are skipped.
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(Err(Json::Object(Object::default()).kind()))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err(Json::Null.kind()))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Json::Bool(v).kind()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(Json::Number(v.into()).kind()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Json::Number(v.into()).kind()))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err(Json::Number(0.into()).kind()))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err(Json::Str("".into()).kind()))
    }
}

/// The ids of a feed's entries so far, so that every id in a feed is unique, whatever the format.
///
/// It keeps where each id's entry is in the list of kept entries, not a copy of the id: the
/// entries themselves are the list of ids. (A set of copied ids took an allocation and a dozen
/// string comparisons per entry, the most of any step after the JSON itself; a map from a hash
/// to the place took 2 MB at 100,000 entries, this table less than 1 MB.)
#[derive(Default)]
pub(crate) struct UniqueIds(hashbrown::HashTable<usize>);

impl UniqueIds {
    /// Records the id of `item`, the entry that will be `kept[kept.len()]` (the entries kept so
    /// far, in order). An id the file gives (`explicit`) that an earlier entry already uses is
    /// refused: the problem (at `{path}.{id_field}`) leaves this entry out. A derived id (date
    /// plus title) that collides is numbered instead: `-2`, `-3`, ... `noun` names the format's
    /// entries in the message ("entry", or "item" for RSS and Atom).
    pub(crate) fn claim(
        &mut self,
        item: &mut NewsItem,
        kept: &[NewsItem],
        explicit: bool,
        path: &dyn fmt::Display,
        id_field: &str,
        noun: &str,
    ) -> Result<(), Problem> {
        if self.record(&item.id, kept) {
            return Ok(());
        }
        if explicit {
            let message = format!("\"{}\" is used by an earlier {noun}; ids must be unique", item.id);
            return Err(Problem { path: format!("{path}.{id_field}"), message, skipped: true });
        }
        let base = std::mem::take(&mut item.id);
        let mut n = 2;
        loop {
            let numbered = format!("{base}-{n}");
            if self.record(&numbered, kept) {
                item.id = numbered.into();
                return Ok(());
            }
            n += 1;
        }
    }

    /// Records `id` for the entry after `kept`, unless an entry in `kept` has it already.
    fn record(&mut self, id: &str, kept: &[NewsItem]) -> bool {
        let hash = id_hash(id);
        if self.0.find(hash, |&at| kept.get(at).is_some_and(|it| it.id == id)).is_some() {
            return false;
        }
        let hash_of = |&at: &usize| kept.get(at).map_or(0, |it| id_hash(&it.id));
        self.0.insert_unique(hash, kept.len(), hash_of);
        true
    }
}

/// A set of texts (the links of a merged list), on the same table and hash as [`UniqueIds`]
/// rather than std's `HashSet`, whose SipHash is more code in the wasm.
#[derive(Default)]
pub(crate) struct TextSet(hashbrown::HashTable<String>);

impl TextSet {
    pub(crate) fn contains(&self, text: &str) -> bool {
        self.0.find(id_hash(text), |t| t == text).is_some()
    }

    /// Adds `text`; false when it was there already.
    pub(crate) fn insert(&mut self, text: &str) -> bool {
        let hash = id_hash(text);
        if self.0.find(hash, |t| t == text).is_some() {
            return false;
        }
        self.0.insert_unique(hash, text.to_string(), |t| id_hash(t));
        true
    }
}

/// FNV-1a, 64 bits: quick for short ids.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The longest summary made from an entry's text, in characters.
pub const SUMMARY_CHARS: usize = 280;

/// The longest title made from the start of an entry's text, in characters.
pub const TEXT_TITLE_CHARS: usize = 80;

/// A summary made from an entry's whole text: its start, cut at a word.
pub(crate) fn summary_from(text: &str) -> String {
    excerpt(text, SUMMARY_CHARS)
}

/// An entry's date from its text (or why it has none: "is missing"), for the problem at `path`:
/// the day the text names, else "Undated" with a problem. No entry is lost to its date, in any
/// format.
pub(crate) fn date_or_undated(text: Result<&str, String>, path: String, problems: &mut Vec<Problem>) -> ItemDate {
    let why = match text.map(ItemDate::parse) {
        Ok(Ok(date)) => return date,
        Ok(Err(e)) => e.to_string(),
        Err(why) => why,
    };
    problems.push(Problem { path, message: format!("{why}; the item is shown under \"Undated\""), skipped: false });
    ItemDate::Undated
}

/// An entry's title: its own when it has one; else the start of its text, with a warning at
/// `{path}.title`. With neither, the entry cannot be shown: the problem that leaves it out.
pub(crate) fn title_or_text(
    title: Option<SharedStr>,
    text: Option<&str>,
    path: &dyn fmt::Display,
    problems: &mut Vec<Problem>,
) -> Result<SharedStr, Problem> {
    if let Some(title) = title {
        return Ok(title);
    }
    let path = format!("{path}.title");
    match text {
        Some(text) => {
            let message = "is missing; the start of the text is used instead".into();
            problems.push(Problem { path, message, skipped: false });
            Ok(excerpt(text, TEXT_TITLE_CHARS).into())
        }
        None => Err(Problem { path, message: "is missing and the item has no text to show".into(), skipped: true }),
    }
}

/// The bytes looked at to tell XML and HTML from JSON.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// What a JSON file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsFile {
    /// A feed (Datelines JSON or JSON Feed).
    Feed(Parsed),
    /// The index of a month-sharded archive.
    ArchiveIndex(shards::ArchiveIndex),
}

/// Reads a feed or a sharded archive's index, detected from the content. The entries share
/// the file's text (see [`SharedStr`]): given a `Vec`, it is not copied.
pub fn parse_any(bytes: impl Into<Vec<u8>>) -> Result<NewsFile, LoadError> {
    parse_any_with(bytes.into(), &Links::default())
}

/// [`parse_any`] for a file fetched from an address: its entries' links made absolute against it
/// as they are read ([`Links::relative_to`]). An index's month addresses stay as written.
pub fn parse_any_with(bytes: Vec<u8>, links: &Links) -> Result<NewsFile, LoadError> {
    match rss_atom::sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        rss_atom::Sniffed::Rss | rss_atom::Sniffed::Rdf | rss_atom::Sniffed::Atom => {
            return rss_atom::read(&bytes, links, |_| {}).map(|xml| NewsFile::Feed(xml.parsed));
        }
        rss_atom::Sniffed::OtherXml(root) if root == "html" => {
            let page = encoding::decode(&bytes).0;
            return Err(LoadError::WebPage { feeds: discover::announced_feeds(&page, links) });
        }
        rss_atom::Sniffed::OtherXml(root) if !root.is_empty() => {
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
/// The entries share the file's text (see [`SharedStr`]): given a `Vec`, it is not copied.
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

    #[test]
    fn every_repeated_id_is_found_among_many() {
        let date = crate::dates::ItemDate::parse("2025-03-01").expect("date");
        let mut ids = UniqueIds::default();
        let mut kept: Vec<NewsItem> = Vec::new();
        for n in 0..5000 {
            let mut item = NewsItem::new(format!("id-{n}").into(), date, "T".into());
            assert_eq!(ids.claim(&mut item, &kept, true, &EntryPath(n), "id", "entry"), Ok(()));
            kept.push(item);
        }
        for n in (0..5000).step_by(7) {
            let mut again = NewsItem::new(format!("id-{n}").into(), date, "T".into());
            let refused = ids.claim(&mut again, &kept, true, &EntryPath(5000), "id", "entry");
            assert!(refused.is_err(), "id-{n} was taken");
            assert_eq!(ids.claim(&mut again, &kept, false, &EntryPath(5000), "id", "entry"), Ok(()));
            assert_eq!(again.id, format!("id-{n}-2"));
            kept.push(again);
        }
    }

    fn err_position(err: &LoadError) -> (usize, usize) {
        match err {
            LoadError::NotJson { line, column, .. } => (*line, *column),
            other => panic!("not a JSON error: {other}"),
        }
    }
}
