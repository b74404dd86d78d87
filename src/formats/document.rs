//! A JSON news file read in one pass, by serde visitors: its top level as values, its `items`
//! entry by entry by the format's reader ([`Reader`]), each entry a value only while it is read.

use super::common::UniqueIds;
use super::json::{Json, Key, Object};
use super::{datelines, jsonfeed, LoadError, Problem};
use crate::model::{Link, NewsItem, SharedStr};
use crate::urls::Links;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

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
    pub(crate) fn json(&self) -> &'a str {
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
pub(crate) struct EntryReader {
    /// Entries read so far.
    count: usize,
    ids: UniqueIds,
    read: Entries,
}

impl EntryReader {
    /// A reader with room for `capacity` entries.
    pub(crate) fn new(reader: Reader, capacity: usize) -> Self {
        let read = Entries { reader, good: Vec::with_capacity(capacity), problems: Vec::new() };
        EntryReader { count: 0, ids: UniqueIds::default(), read }
    }

    /// Reads the next entry, from the file `source`.
    pub(crate) fn add(&mut self, raw: &Json<'_>, source: FileText<'_>) {
        if self.read.good.len() == self.read.good.capacity() {
            self.make_room(raw, source);
        }
        let path = EntryPath(self.count);
        self.count += 1;
        let Entries { reader, good, problems } = &mut self.read;
        match reader.read_fn()(raw, &path, source, problems) {
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
    fn make_room(&mut self, entry: &Json<'_>, source: FileText<'_>) {
        let (source, good) = (source.json().as_bytes(), &mut self.read.good);
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

    pub(crate) fn finish(mut self) -> Entries {
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
        let mut entries = EntryReader::new(self.reader, 64);
        // Each entry is a value only while it is read.
        while let Some(entry) = seq.next_element::<Json<'de>>()? {
            entries.add(&entry, self.source);
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
