//! The archive view of a feed: which months have entries, and the entries of one month.

use crate::dates::YearMonth;
use crate::model::NewsItem;

/// A month that has entries, with how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCount {
    pub month: YearMonth,
    pub count: usize,
}

/// Every month that has entries, newest first, with its count. Works on items in any order.
pub fn month_index(items: &[NewsItem]) -> Vec<MonthCount> {
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

/// The entries of one month (all entries for `None`), keeping their order.
pub fn filter_by_month(items: &[NewsItem], month: Option<YearMonth>) -> Vec<&NewsItem> {
    items.iter().filter(|item| month.is_none_or(|m| item.date.year_month() == m)).collect()
}

/// Splits items that are already newest first into runs of the same month, for archive headings.
pub fn group_by_month<'a>(items: &[&'a NewsItem]) -> Vec<(YearMonth, Vec<&'a NewsItem>)> {
    let mut groups: Vec<(YearMonth, Vec<&'a NewsItem>)> = Vec::new();
    for item in items {
        let month = item.date.year_month();
        match groups.last_mut() {
            Some((m, run)) if *m == month => run.push(item),
            _ => groups.push((month, vec![item])),
        }
    }
    groups
}

/// "1 entry", "10 entries".
pub fn count_label(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;

    fn item(date: &str, title: &str) -> NewsItem {
        NewsItem {
            id: title.into(),
            date: ItemDate::parse(date).expect("date"),
            title: title.into(),
            summary: String::new(),
            body: None,
            url: None,
            image: None,
        }
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    #[test]
    fn counts_months_newest_first_whatever_the_input_order() {
        let items = [item("2025-02-03", "a"), item("2025-03-19", "b"), item("2024-12-31", "c"), item("2025-02-27", "d")];
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
        assert!(month_index(&[]).is_empty());
    }

    #[test]
    fn months_use_the_entry_own_offset() {
        let items = [item("2025-03-01T00:30:00+02:00", "early"), item("2025-02-28T23:30:00-08:00", "late")];
        let march: Vec<_> = filter_by_month(&items, Some(ym("2025-03"))).iter().map(|i| i.title.as_str()).collect();
        assert_eq!(march, ["early"]);
    }

    #[test]
    fn filters_and_groups() {
        let items = [item("2025-03-19", "a"), item("2025-02-27", "b"), item("2025-02-24", "c")];
        let feb: Vec<_> = filter_by_month(&items, Some(ym("2025-02"))).iter().map(|i| i.title.as_str()).collect();
        assert_eq!(feb, ["b", "c"]);
        assert_eq!(filter_by_month(&items, None).len(), 3);
        assert!(filter_by_month(&items, Some(ym("2024-01"))).is_empty());
        let all = filter_by_month(&items, None);
        let groups: Vec<_> = group_by_month(&all).into_iter().map(|(m, run)| (m.key(), run.len())).collect();
        assert_eq!(groups, [("2025-03".to_string(), 1), ("2025-02".to_string(), 2)]);
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "0 entries");
        assert_eq!(count_label(1), "1 entry");
        assert_eq!(count_label(10), "10 entries");
    }
}
