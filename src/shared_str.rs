//! [`SharedStr`]: an entry's text, shared with the file it was read from instead of copied; and
//! [`Link`], an entry's link, in the same way.
//!
//! A fetched file's entries are mostly its own text: titles, summaries, links. Copying each one
//! out of the file kept two copies in memory while the file was read (wasm memory never
//! shrinks); a `SharedStr` is a place in the file instead, and the file lives as long as any
//! entry needs it. Text the file does not hold as is (an escaped string, a derived id, a link
//! made absolute) has a buffer of its own.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Text that derefs to `str`: a range of a shared buffer, or a buffer of its own. As small as a
/// `String` (12 bytes in wasm32); a clone shares the buffer.
#[derive(Clone, Default)]
pub struct SharedStr {
    /// `None`: the empty string, which needs no buffer.
    buffer: Option<Arc<String>>,
    start: u32,
    len: u32,
}

impl SharedStr {
    /// `text` as a range of `buffer` when it lies inside it (no copy), else a copy of its own.
    pub fn within(buffer: &Arc<String>, text: &str) -> SharedStr {
        let offset = (text.as_ptr() as usize).wrapping_sub(buffer.as_ptr() as usize);
        let inside = offset <= buffer.len() && text.len() <= buffer.len() - offset;
        match (inside, u32::try_from(offset), u32::try_from(text.len())) {
            (_, _, Ok(0)) => SharedStr::default(),
            (true, Ok(start), Ok(len)) => SharedStr { buffer: Some(Arc::clone(buffer)), start, len },
            _ => SharedStr::from(text),
        }
    }

    pub fn as_str(&self) -> &str {
        let Some(buffer) = &self.buffer else { return "" };
        let start = self.start as usize;
        // `within` and `From<String>` only make ranges on character boundaries of the buffer.
        buffer.get(start..start + self.len as usize).unwrap_or_default()
    }
}

/// Puts `texts` in one buffer of their own: one allocation for all of them, where each text of
/// its own takes two (the text, and the count that shares it).
pub fn one_buffer(texts: &mut [&mut SharedStr]) {
    let mut buffer = String::with_capacity(texts.iter().map(|text| text.len()).sum());
    for text in texts.iter() {
        buffer.push_str(text);
    }
    let buffer = Arc::new(buffer);
    let mut start = 0;
    for text in texts.iter_mut() {
        let end = start + text.len();
        if let Some(range) = buffer.get(start..end) {
            **text = SharedStr::within(&buffer, range);
        }
        start = end;
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> SharedStr {
        match u32::try_from(text.len()) {
            Ok(0) => SharedStr::default(),
            Ok(len) => SharedStr { buffer: Some(Arc::new(text)), start: 0, len },
            // Over 4 GB: not something an entry holds; kept as its first 4 GB would cut a
            // character, so it is left empty.
            Err(_) => SharedStr::default(),
        }
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> SharedStr {
        SharedStr::from(text.to_owned())
    }
}

impl From<SharedStr> for String {
    fn from(text: SharedStr) -> String {
        text.as_str().to_owned()
    }
}

impl From<&SharedStr> for String {
    fn from(text: &SharedStr) -> String {
        text.as_str().to_owned()
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A link as an entry keeps it: a plain relative path in a fetched file (`img/a.jpg`) stays as
/// it stands in the file, after the folder it resolves against (`https://example.org/feeds/`),
/// which all such links of the file share; any other link is whole. Each relative link made
/// absolute by a copy of its own took about 60 bytes per entry (6 MB at 100,000 entries).
#[derive(Clone, Default)]
pub struct Link {
    folder: Option<Arc<String>>,
    rest: SharedStr,
}

impl Link {
    /// `rest` after `folder`, or `rest` alone.
    pub fn new(folder: Option<Arc<String>>, rest: SharedStr) -> Link {
        Link { folder, rest }
    }

    /// The whole link: borrowed when it has no folder.
    pub fn to_cow(&self) -> Cow<'_, str> {
        match &self.folder {
            None => Cow::Borrowed(self.rest.as_str()),
            Some(_) => Cow::Owned(String::from(self)),
        }
    }

    pub(crate) fn rest_mut(&mut self) -> &mut SharedStr {
        &mut self.rest
    }

    /// What follows the folder: the whole link when it has none.
    #[cfg(test)]
    pub(crate) fn rest(&self) -> &SharedStr {
        &self.rest
    }

    #[cfg(test)]
    pub(crate) fn folder(&self) -> Option<&Arc<String>> {
        self.folder.as_ref()
    }

    fn folder_text(&self) -> &str {
        self.folder.as_deref().map_or("", String::as_str)
    }

    /// Whether the link is `text`, without building it.
    fn is(&self, text: &str) -> bool {
        text.strip_prefix(self.folder_text()) == Some(self.rest.as_str())
    }
}

impl From<SharedStr> for Link {
    fn from(rest: SharedStr) -> Link {
        Link { folder: None, rest }
    }
}

impl From<&str> for Link {
    fn from(text: &str) -> Link {
        Link::from(SharedStr::from(text))
    }
}

impl From<String> for Link {
    fn from(text: String) -> Link {
        Link::from(SharedStr::from(text))
    }
}

impl From<&Link> for String {
    fn from(link: &Link) -> String {
        [link.folder_text(), &link.rest].concat()
    }
}

impl PartialEq for Link {
    fn eq(&self, other: &Link) -> bool {
        self.is(&other.to_cow())
    }
}

impl Eq for Link {}

impl PartialEq<str> for Link {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for Link {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.to_cow(), f)
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_cow())
    }
}

impl Serialize for Link {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_cow())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_inside_the_buffer_is_shared_and_other_text_copied() {
        let file = Arc::new("{\"title\": \"Défense\"}".to_string());
        let title = file.split('"').nth(3).expect("the title");
        let shared = SharedStr::within(&file, title);
        assert_eq!(shared, "Défense");
        assert_eq!(Arc::strong_count(&file), 2, "the entry holds the file");
        assert!(std::ptr::eq(shared.as_str().as_ptr(), title.as_ptr()), "not copied");

        let elsewhere = String::from("Défense");
        let copied = SharedStr::within(&file, &elsewhere);
        assert_eq!(copied, "Défense");
        assert_eq!(Arc::strong_count(&file), 2, "a copy does not hold the file");
        assert!(!std::ptr::eq(copied.as_str().as_ptr(), elsewhere.as_ptr()));
    }

    #[test]
    fn texts_put_in_one_buffer_keep_their_text_and_share_it() {
        let (mut a, mut b, mut empty, mut c) =
            (SharedStr::from("Défense"), SharedStr::from(""), SharedStr::default(), SharedStr::from("ça"));
        one_buffer(&mut [&mut a, &mut b, &mut empty, &mut c]);
        assert_eq!([a.as_str(), b.as_str(), empty.as_str(), c.as_str()], ["Défense", "", "", "ça"]);
        assert_eq!(c.as_str().as_ptr(), a.as_str().as_ptr().wrapping_add("Défense".len()), "one buffer, in order");
    }

    #[test]
    fn empty_text_holds_no_buffer_and_all_forms_compare_by_text() {
        let file = Arc::new("abc".to_string());
        let empty = SharedStr::within(&file, &file[1..1]);
        assert_eq!(Arc::strong_count(&file), 1);
        assert_eq!(empty, SharedStr::default());
        assert_eq!(empty.as_str(), "");
        assert_eq!(SharedStr::from(String::new()), "");
        assert_eq!(SharedStr::within(&file, &file[1..]), SharedStr::from("bc"));
        assert_eq!(format!("{}/{:?}", SharedStr::from("a\"b"), SharedStr::from("a\"b")), "a\"b/\"a\\\"b\"");
        assert_eq!(serde_json::to_string(&SharedStr::from("x\ny")).expect("json"), "\"x\\ny\"");
        assert_eq!(String::from(SharedStr::within(&file, &file[..2])), "ab");
    }
}
