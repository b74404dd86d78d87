//! News that arrived while the reader was reading: held behind a button ("3 new entries") so
//! that nothing the reader is looking at changes, shifts or disappears on its own.

use crate::formats::shards::ArchiveIndex;
use crate::formats::Parsed;
use crate::model::{NewsItem, SharedStr};
use crate::news_list::{shard_url, ArchiveMonth};

/// What a poll brought, applied when the reader asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum News {
    /// A feed read afresh: it replaces the list.
    Feed(Parsed),
    /// A sharded archive's index, from `base`: the months it changed are read again.
    Index { index: ArchiveIndex, base: String },
}

/// A poll's news, and how it differs from what is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub news: News,
    /// How many entries are new.
    pub new: usize,
    /// The newest new entry, where focus goes when the reader shows them; `None` when there is
    /// none, or when it is in an archive's month still to be read.
    pub first_new: Option<String>,
    /// Entries shown whose text, date, link or picture changed (for an archive: months whose
    /// file changed with the same count).
    pub changed: usize,
    /// Entries shown that left the feed.
    pub removed: usize,
}

impl Pending {
    /// Compares `fresh` with the entries `shown`. `None` when a reader would see no
    /// difference: the same entries with the same contents (a 200 with the same news).
    pub fn compare(shown: &[NewsItem], fresh: Parsed) -> Option<Pending> {
        let known = KnownIds::of(shown);
        let find = |id: &str| known.position(id).and_then(|at| shown.get(at));
        let mut new = 0;
        let mut first_new = None;
        let mut changed = 0;
        let mut kept = 0;
        for item in &fresh.feed.items {
            match find(&item.id) {
                None => {
                    new += 1;
                    first_new.get_or_insert_with(|| item.id.to_string());
                }
                Some(old) => {
                    kept += 1;
                    if old != item {
                        changed += 1;
                    }
                }
            }
        }
        let removed = shown.len().saturating_sub(kept);
        (new > 0 || changed > 0 || removed > 0).then_some(Pending {
            news: News::Feed(fresh),
            new,
            first_new,
            changed,
            removed,
        })
    }

    /// Compares an archive's fresh `index` (from `base`) with its `months` as the list knows
    /// them and its `title`, by the index's own counts: the months it changed are read again
    /// when the reader shows the update. `None` when the index says nothing new.
    pub fn index(months: &[ArchiveMonth], title: Option<&str>, index: ArchiveIndex, base: String) -> Option<Pending> {
        let resolve = crate::urls::Base::parse(&base);
        let (mut new, mut changed, mut removed) = (0usize, 0usize, 0usize);
        let mut listed: Vec<crate::dates::YearMonth> = Vec::new();
        for shard in &index.months {
            // A month listed twice counts once (the first listing, as the list reads it).
            if listed.contains(&shard.month) {
                continue;
            }
            listed.push(shard.month);
            match months.iter().find(|m| m.month == shard.month) {
                None => new = new.saturating_add(shard.count),
                Some(old) if shard.count > old.count => new = new.saturating_add(shard.count - old.count),
                Some(old) if shard.count < old.count => removed = removed.saturating_add(old.count - shard.count),
                Some(old) if old.url != shard_url(resolve.as_ref(), &shard.src) => {
                    changed = changed.saturating_add(shard.count.max(1))
                }
                Some(_) => {}
            }
        }
        // Counts come from the file: added without overflow.
        let gone =
            months.iter().filter(|m| !listed.contains(&m.month)).fold(0usize, |sum, m| sum.saturating_add(m.count));
        removed = removed.saturating_add(gone);
        if index.title.as_deref() != title {
            changed += 1;
        }
        (new > 0 || changed > 0 || removed > 0).then_some(Pending {
            news: News::Index { index, base },
            new,
            first_new: None,
            changed,
            removed,
        })
    }
}

/// The ids of entries, sorted, each with the entry's position: found by a binary search.
///
/// The one sort of ids in the wasm, for a poll's comparison and an archive update's first new
/// entry alike: two sorts of different element types compiled in two copies of the sort (1.7
/// KB gzip, 0.8 KB brotli more). A hash map of another type would be compiled in on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnownIds(Vec<(SharedStr, usize)>);

impl KnownIds {
    /// The ids of `items`, sharing their text (and so their files).
    pub fn of(items: &[NewsItem]) -> Self {
        let mut ids: Vec<(SharedStr, usize)> =
            items.iter().enumerate().map(|(at, item)| (item.id.clone(), at)).collect();
        ids.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        KnownIds(ids)
    }

    /// The same ids in one buffer of their own: kept while an archive update's months are read
    /// (or longer, if one fails), they keep no file the list has let go of in memory.
    pub fn detached(mut self) -> Self {
        let mut ids: Vec<&mut SharedStr> = self.0.iter_mut().map(|(id, _)| id).collect();
        crate::shared_str::one_buffer(&mut ids);
        self
    }

    /// Where the entry with `id` was among the items.
    pub fn position(&self, id: &str) -> Option<usize> {
        let at = self.0.binary_search_by(|(known, _)| known.as_str().cmp(id)).ok()?;
        self.0.get(at).map(|&(_, position)| position)
    }

    /// The newest of `items` (newest first) whose id is not known: once an archive update is
    /// shown and its changed months are read again, the first new entry, where focus goes.
    pub fn first_new<'a>(&self, items: &'a [NewsItem]) -> Option<&'a str> {
        items.iter().map(|item| item.id.as_str()).find(|id| self.position(id).is_none())
    }
}

/// What a poll's fresh read does to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// No list is shown (the first load failed) and the widget is seen: it shows at once.
    Show,
    /// A list is shown: the news waits behind the button, so nothing under the reader moves.
    BehindButton,
    /// No list is shown and the widget is out of view: it waits, and renders nothing, until the
    /// widget is seen.
    UntilSeen,
}

impl Arrival {
    /// The decision for a list that `showing` or not, in a widget `seen` or not.
    pub fn of(showing: bool, seen: bool) -> Arrival {
        match (showing, seen) {
            (true, _) => Arrival::BehindButton,
            (false, true) => Arrival::Show,
            (false, false) => Arrival::UntilSeen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polls_news_shows_at_once_only_where_no_list_is_shown_and_the_reader_sees_it() {
        assert_eq!(Arrival::of(true, true), Arrival::BehindButton);
        assert_eq!(Arrival::of(true, false), Arrival::BehindButton, "out of view too: the button waits");
        assert_eq!(Arrival::of(false, true), Arrival::Show);
        assert_eq!(Arrival::of(false, false), Arrival::UntilSeen);
    }
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
        assert_eq!(pending.new, 2);
        assert_eq!((pending.changed, pending.removed), (0, 0));
        assert_eq!(pending.first_new.as_deref(), Some("d"), "the newest new entry");
    }

    #[test]
    fn corrections_and_removals_wait_too() {
        let shown = feed(SHOWN).feed.items;
        let fresh = feed(r#"{"items":[{"id":"b","date":"2025-03-02","title":"B, corrected"}]}"#);
        let pending = Pending::compare(&shown, fresh).expect("an update");
        assert_eq!(pending.new, 0);
        assert_eq!((pending.changed, pending.removed), (1, 1));
        assert_eq!(pending.first_new, None);
    }

    #[test]
    fn an_archive_index_is_compared_by_its_months_counts() {
        use crate::news_list::MonthStatus;
        let month = |ym: &str, count, url: &str| ArchiveMonth {
            month: crate::dates::YearMonth::parse(ym).expect("a month"),
            count,
            url: Some(url.to_string()),
            status: MonthStatus::Fetched,
        };
        let known = [
            month("2025-03", 2, "https://a.example/2025-03.json"),
            month("2025-02", 5, "https://a.example/2025-02.json"),
            month("2025-01", 1, "https://a.example/2025-01.json"),
        ];
        let index = |json: &str| match crate::formats::parse_any(json.as_bytes()) {
            Ok(crate::formats::NewsFile::ArchiveIndex(index)) => index,
            other => panic!("an index: {other:?}"),
        };
        let base = "https://a.example/index.json".to_string();
        let same = index(
            r#"{"format": "datelines-index/1", "title": "News", "months": [{"month": "2025-03", "count": 2, "src": "2025-03.json"},
                {"month": "2025-02", "count": 5, "src": "2025-02.json"}, {"month": "2025-01", "count": 1, "src": "2025-01.json"}]}"#,
        );
        assert_eq!(Pending::index(&known, Some("News"), same.clone(), base.clone()), None, "nothing new");
        // April is new (3), March grew by one, February's file moved, January is gone.
        let fresh = index(
            r#"{"format": "datelines-index/1", "title": "News", "months": [{"month": "2025-04", "count": 3, "src": "2025-04.json"},
                {"month": "2025-03", "count": 3, "src": "2025-03.json"}, {"month": "2025-02", "count": 5, "src": "v2/2025-02.json"}]}"#,
        );
        let pending = Pending::index(&known, Some("News"), fresh.clone(), base.clone()).expect("an update");
        assert_eq!((pending.new, pending.changed, pending.removed, pending.first_new), (4, 5, 1, None));
        assert_eq!(pending.news, News::Index { index: fresh, base: base.clone() });
        // Counts are the file's: huge ones add up without overflow.
        let mut huge = known.clone();
        huge[2].count = usize::MAX;
        let big = index(
            r#"{"format": "datelines-index/1", "title": "News", "months": [{"month": "2025-04", "count": 18446744073709551615, "src": "a.json"},
                {"month": "2025-03", "count": 2, "src": "2025-03.json"}, {"month": "2025-02", "count": 5, "src": "2025-02.json"}]}"#,
        );
        let pending = Pending::index(&huge, Some("News"), big, base.clone()).expect("an update");
        assert_eq!((pending.new, pending.removed), (usize::MAX, usize::MAX));
        // A new title alone is an update too.
        let renamed = Pending::index(&known, Some("Old name"), same, base).expect("an update");
        assert_eq!((renamed.new, renamed.changed, renamed.removed), (0, 1, 0));
    }

    #[test]
    fn the_first_new_entry_is_the_newest_not_known_before() {
        let shown = feed(SHOWN).feed.items;
        let known = KnownIds::of(&shown);
        assert_eq!((known.position("a"), known.position("b"), known.position("c")), (Some(1), Some(0), None));
        assert_eq!(known.first_new(&shown), None, "nothing new yet (its month is still on its way)");
        let fresh = feed(
            r#"{"items":[{"id":"b","date":"2025-03-04","title":"B"},{"id":"c","date":"2025-03-03","title":"C"},
               {"id":"a","date":"2025-03-01","title":"A"}]}"#,
        );
        assert_eq!(known.first_new(&fresh.feed.items), Some("c"));
    }

    #[test]
    fn detached_ids_keep_no_file_in_memory() {
        let file = std::sync::Arc::new("b a".to_string());
        let date = crate::dates::ItemDate::Undated;
        let items: Vec<NewsItem> = ["b", "a"]
            .iter()
            .map(|id| {
                let at = file.find(id).expect("in the file");
                NewsItem::new(SharedStr::within(&file, &file[at..at + 1]), date, "T".into())
            })
            .collect();
        let shared = KnownIds::of(&items);
        drop(items);
        assert_eq!(std::sync::Arc::strong_count(&file), 3, "the ids share the file");
        let known = shared.detached();
        assert_eq!(std::sync::Arc::strong_count(&file), 1, "detached: the file is let go");
        assert_eq!((known.position("a"), known.position("b"), known.position("c")), (Some(1), Some(0), None));
    }
}
