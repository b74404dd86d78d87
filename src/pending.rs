//! News that arrived while the reader was reading: held behind a button ("3 new entries") so
//! that nothing the reader is looking at changes, shifts or disappears on its own.

use crate::formats::Parsed;
use crate::model::NewsItem;

/// A fresh read of the feed, and how it differs from the entries shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub parsed: Parsed,
    /// Entries whose id is not shown yet, newest first as the feed lists them.
    pub new_ids: Vec<String>,
    /// Entries shown whose text, date, link or picture changed.
    pub changed: usize,
    /// Entries shown that left the feed.
    pub removed: usize,
}

impl Pending {
    /// Compares `fresh` with the entries `shown`. `None` when a reader would see no
    /// difference: the same entries with the same contents (a 200 with the same news).
    pub fn compare(shown: &[NewsItem], fresh: Parsed) -> Option<Pending> {
        // Sorted ids and a binary search: the wasm has these already (a hash map of another
        // type would be compiled in on its own).
        let mut by_id: Vec<(&str, &NewsItem)> = shown.iter().map(|item| (item.id.as_str(), item)).collect();
        by_id.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let find = |id: &str| by_id.binary_search_by(|(other, _)| (*other).cmp(id)).ok().map(|at| by_id[at].1);
        let mut new_ids = Vec::new();
        let mut changed = 0;
        let mut kept = 0;
        for item in &fresh.feed.items {
            match find(&item.id) {
                None => new_ids.push(item.id.to_string()),
                Some(old) => {
                    kept += 1;
                    if old != item {
                        changed += 1;
                    }
                }
            }
        }
        let removed = shown.len().saturating_sub(kept);
        (!new_ids.is_empty() || changed > 0 || removed > 0).then_some(Pending {
            parsed: fresh,
            new_ids,
            changed,
            removed,
        })
    }

    /// The first new entry, where focus goes when the reader shows them.
    pub fn first_new(&self) -> Option<&str> {
        self.new_ids.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_feed;

    fn feed(json: &str) -> Parsed {
        parse_feed(json.as_bytes()).expect("test feed")
    }

    const SHOWN: &str = r#"{"items":[
        {"id":"b","date":"2025-03-02","title":"B"},
        {"id":"a","date":"2025-03-01","title":"A"}]}"#;

    #[test]
    fn the_same_news_is_no_update() {
        let shown = feed(SHOWN).feed.items;
        assert_eq!(Pending::compare(&shown, feed(SHOWN)), None);
    }

    #[test]
    fn new_entries_are_counted_newest_first() {
        let shown = feed(SHOWN).feed.items;
        let fresh = feed(
            r#"{"items":[
            {"id":"d","date":"2025-03-04","title":"D"},
            {"id":"c","date":"2025-03-03","title":"C"},
            {"id":"b","date":"2025-03-02","title":"B"},
            {"id":"a","date":"2025-03-01","title":"A"}]}"#,
        );
        let pending = Pending::compare(&shown, fresh).expect("an update");
        assert_eq!(pending.new_ids, ["d", "c"]);
        assert_eq!((pending.changed, pending.removed), (0, 0));
        assert_eq!(pending.first_new(), Some("d"));
    }

    #[test]
    fn corrections_and_removals_wait_too() {
        let shown = feed(SHOWN).feed.items;
        let fresh = feed(r#"{"items":[{"id":"b","date":"2025-03-02","title":"B, corrected"}]}"#);
        let pending = Pending::compare(&shown, fresh).expect("an update");
        assert!(pending.new_ids.is_empty());
        assert_eq!((pending.changed, pending.removed), (1, 1));
        assert_eq!(pending.first_new(), None);
    }
}
