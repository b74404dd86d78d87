//! What every format's reader shares: unique ids, titles made from the text, dates or "Undated",
//! summaries.

use super::Problem;
use crate::dates::ItemDate;
use crate::model::{NewsItem, SharedStr};
use crate::text::excerpt;
use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::EntryPath;

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
}
