//! Months of a list: which months have entries, the entries of one month, runs of entries by month.

use crate::dates::YearMonth;
use crate::model::NewsItem;

/// A month that has entries, with how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCount {
    pub month: YearMonth,
    pub count: usize,
}

/// Every month that has entries, newest first, with its count. Works on items in any order.
pub fn month_index<'a>(items: impl IntoIterator<Item = &'a NewsItem>) -> Vec<MonthCount> {
    let mut index: Vec<MonthCount> = Vec::new();
    for item in items {
        let month = item.date.year_month();
        match index.binary_search_by(|probe| month.cmp(&probe.month)) {
            Ok(i) => index[i].count += 1,
            Err(i) => index.insert(i, MonthCount { month, count: 1 }),
        }
    }
    index
}

/// The positions in `items` of one month's entries (all entries for `None`), in order.
pub fn filter_by_month(items: &[NewsItem], month: Option<YearMonth>) -> Vec<usize> {
    match month {
        None => (0..items.len()).collect(),
        Some(m) => items.iter().enumerate().filter(|(_, item)| item.date.year_month() == m).map(|(i, _)| i).collect(),
    }
}

/// A run of entries of one month, for an archive heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    pub month: YearMonth,
    /// Positions in the feed's items.
    pub entries: Vec<usize>,
}

/// Splits positions of items that are newest first into runs of the same month.
pub fn group_by_month(items: &[NewsItem], positions: &[usize]) -> Vec<MonthGroup> {
    let mut groups: Vec<MonthGroup> = Vec::new();
    for &i in positions {
        let Some(item) = items.get(i) else { continue };
        let month = item.date.year_month();
        match groups.last_mut() {
            Some(group) if group.month == month => group.entries.push(i),
            _ => groups.push(MonthGroup { month, entries: vec![i] }),
        }
    }
    groups
}

/// "1 entry", "10 entries" (in English; see [`crate::i18n::Strings::entries`] for others).
pub fn count_label(n: usize) -> String {
    crate::i18n::EN.entries(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;

    fn item(date: &str, title: &str) -> NewsItem {
        NewsItem::new(title.into(), ItemDate::parse(date).expect("date"), title.into())
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    #[test]
    fn counts_months_newest_first_whatever_the_input_order() {
        let items =
            [item("2025-02-03", "a"), item("2025-03-19", "b"), item("2024-12-31", "c"), item("2025-02-27", "d")];
        let index = month_index(&items);
        assert_eq!(
            index,
            [
                MonthCount { month: ym("2025-03"), count: 1 },
                MonthCount { month: ym("2025-02"), count: 2 },
                MonthCount { month: ym("2024-12"), count: 1 },
            ]
        );
    }

    #[test]
    fn equal_dates_count_once_each_and_empty_data_has_no_months() {
        let items = [item("2025-02-17", "a"), item("2025-02-17", "b")];
        assert_eq!(month_index(&items), [MonthCount { month: ym("2025-02"), count: 2 }]);
        assert!(month_index(&Vec::<NewsItem>::new()).is_empty());
    }

    #[test]
    fn months_use_the_entry_own_offset() {
        let items = [item("2025-03-01T00:30:00+02:00", "early"), item("2025-02-28T23:30:00-08:00", "late")];
        assert_eq!(filter_by_month(&items, Some(ym("2025-03"))), [0]);
        assert_eq!(filter_by_month(&items, Some(ym("2025-02"))), [1]);
    }

    #[test]
    fn filters_and_groups() {
        let items = [item("2025-03-19", "a"), item("2025-02-27", "b"), item("2025-02-24", "c")];
        assert_eq!(filter_by_month(&items, Some(ym("2025-02"))), [1, 2]);
        assert_eq!(filter_by_month(&items, None), [0, 1, 2]);
        assert!(filter_by_month(&items, Some(ym("2024-01"))).is_empty());
        let groups = group_by_month(&items, &filter_by_month(&items, None));
        assert_eq!(
            groups,
            [
                MonthGroup { month: ym("2025-03"), entries: vec![0] },
                MonthGroup { month: ym("2025-02"), entries: vec![1, 2] }
            ]
        );
        assert_eq!(group_by_month(&items, &[1, 2, 99]).len(), 1, "a stale position is ignored");
        assert!(group_by_month(&items, &[]).is_empty());
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "0 entries");
        assert_eq!(count_label(1), "1 entry");
        assert_eq!(count_label(10), "10 entries");
    }
}
