//! Month-sharded archives: an index file listing the months with their counts, plus one
//! Datelines file per month. The app reads the index first and fetches only the months it shows.
//!
//! ```json
//! { "format": "datelines-index/1", "title": "News", "total": 100000,
//!   "months": [ { "month": "2025-03", "count": 12, "src": "2025-03.json" }, … ] }
//! ```

use super::datelines::to_json;
use super::json::{Json, Object};
use super::LoadError;
use crate::dates::YearMonth;
use crate::model::Feed;
use crate::months::{filter_by_month, month_index, MonthCount};
use serde::Serialize;

/// The `format` value of an index file.
pub const INDEX_FORMAT: &str = "datelines-index/1";

/// One month of a sharded archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub month: YearMonth,
    pub count: usize,
    /// The month's file, relative to the index.
    pub src: String,
}

/// A sharded archive's index: its months newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveIndex {
    /// The archive's heading; `None` shows the default in the reader's language.
    pub title: Option<String>,
    pub months: Vec<Shard>,
}

impl ArchiveIndex {
    pub fn total(&self) -> usize {
        // Counts come from the file: added without overflow.
        self.months.iter().fold(0, |sum, m| sum.saturating_add(m.count))
    }
}

pub(crate) fn is_index(value: &Object<'_>) -> bool {
    value.get("format").and_then(Json::as_str) == Some(INDEX_FORMAT)
}

/// Reads an index. Month entries that are malformed are an error: a broken index cannot be
/// trusted to find the data.
pub fn index_from_object(value: &Object<'_>) -> Result<ArchiveIndex, LoadError> {
    let months = match value.get("months") {
        Some(Json::Array(months)) => months,
        Some(other) => return Err(LoadError::WrongShape(format!("\"months\" is {}, expected an array", other.kind()))),
        None => return Err(LoadError::WrongShape("the index has no \"months\" array".into())),
    };
    let mut out = Vec::with_capacity(months.len());
    for (i, m) in months.iter().enumerate() {
        let month = m.get("month").and_then(Json::as_str).and_then(YearMonth::parse);
        let count = m.get("count").and_then(Json::as_u64);
        let src = m.get("src").and_then(Json::as_str).and_then(crate::urls::safe_url);
        match (month, count, src) {
            (Some(month), Some(count), Some(src)) => {
                // Newest first, file order among equal months. An index lists a few hundred
                // months at most, so inserting in place is cheap, and saves the wasm a second
                // compiled sort (about 1 KB gzipped).
                let at = out.partition_point(|shard: &Shard| shard.month >= month);
                out.insert(at, Shard { month, count: count as usize, src });
            }
            _ => {
                return Err(LoadError::WrongShape(format!(
                    "months[{i}] needs \"month\" (YYYY-MM), \"count\" and \"src\""
                )))
            }
        }
    }
    let title = value.get("title").and_then(Json::as_str).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    Ok(ArchiveIndex { title, months: out })
}

#[derive(Serialize)]
struct IndexOut<'a> {
    format: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    total: usize,
    months: Vec<MonthOut>,
}

#[derive(Serialize)]
struct MonthOut {
    month: String,
    count: usize,
    src: String,
}

/// The index file of an archive with these months (newest first, as [`month_index`] gives them),
/// each stored as `YYYY-MM.json` beside it.
pub fn index_json(title: Option<&str>, months: &[MonthCount]) -> String {
    let index = IndexOut {
        format: INDEX_FORMAT,
        title,
        total: months.iter().map(|m| m.count).sum(),
        months: months
            .iter()
            .map(|m| MonthOut { month: m.month.key(), count: m.count, src: format!("{}.json", m.month.key()) })
            .collect(),
    };
    let mut index_json = serde_json::to_string_pretty(&index).unwrap_or_default();
    index_json.push('\n');
    index_json
}

/// Splits a feed into (file name, contents) pairs: `index.json` first, then one file per month.
pub fn shard(feed: &Feed) -> Vec<(String, String)> {
    let months = month_index(&feed.items);
    let mut files = Vec::with_capacity(months.len() + 1);
    files.push(("index.json".to_string(), index_json(feed.title.as_deref(), &months)));
    for m in &months {
        let items = filter_by_month(&feed.items, Some(m.month))
            .into_iter()
            .filter_map(|i| feed.items.get(i).cloned())
            .collect();
        let month_feed = Feed { title: feed.title.clone(), items, site: feed.site.clone() };
        files.push((format!("{}.json", m.month.key()), to_json(&month_feed)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{parse_any, NewsFile};

    #[test]
    fn a_feed_splits_into_an_index_and_months_that_read_back() {
        let feed = crate::synthetic::feed(500);
        let files = shard(&feed);
        let (name, index_json) = &files[0];
        assert_eq!(name, "index.json");
        let Ok(NewsFile::ArchiveIndex(index)) = parse_any(index_json.as_bytes()) else { panic!("an index") };
        assert_eq!(index.total(), 500);
        assert_eq!(index.months.len(), files.len() - 1);
        let mut seen = 0;
        for shard in &index.months {
            let (_, body) = files.iter().find(|(n, _)| *n == shard.src).expect("the month's file");
            let Ok(NewsFile::Feed(parsed)) = parse_any(body.as_bytes()) else { panic!("a feed") };
            assert_eq!(parsed.feed.items.len(), shard.count);
            assert!(parsed.feed.items.iter().all(|i| i.date.year_month() == shard.month));
            seen += shard.count;
        }
        assert_eq!(seen, 500);
    }

    #[test]
    fn a_broken_index_is_refused() {
        let bad = br#"{"format":"datelines-index/1","months":[{"month":"2025-13","count":1,"src":"x.json"}]}"#;
        assert!(matches!(parse_any(bad), Err(LoadError::WrongShape(m)) if m.contains("months[0]")));
        let unsafe_src =
            br#"{"format":"datelines-index/1","months":[{"month":"2025-01","count":1,"src":"javascript:x"}]}"#;
        assert!(parse_any(unsafe_src).is_err());
    }

    #[test]
    fn an_index_in_any_order_reads_newest_first_keeping_file_order_for_equal_months() {
        let index = br#"{"format":"datelines-index/1","months":[
            {"month":"2024-02","count":1,"src":"a.json"},{"month":"2025-01","count":2,"src":"b.json"},
            {"month":"2024-02","count":3,"src":"c.json"},{"month":"2024-11","count":4,"src":"d.json"}]}"#;
        let Ok(NewsFile::ArchiveIndex(index)) = parse_any(index) else { panic!("an index") };
        let order: Vec<&str> = index.months.iter().map(|m| m.src.as_str()).collect();
        assert_eq!(order, ["b.json", "d.json", "a.json", "c.json"]);
    }
}
