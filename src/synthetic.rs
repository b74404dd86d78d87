//! Deterministic synthetic feeds for benchmarks and tests: N plainly synthetic entries spread
//! over months and years like a real archive (newest first, a few entries most days).

use crate::dates::ItemDate;
use crate::model::{Feed, Image, NewsItem};

/// A small, fixed pseudo-random sequence (xorshift), so the same N always gives the same feed.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const TOPICS: [&str; 8] = [
    "defence ministers",
    "science partnership",
    "summit preparations",
    "training centre",
    "air policing",
    "cyber exercise",
    "maritime patrol",
    "civil preparedness",
];

/// `count` entries ending on 2025-03-19, going back in time: a few a day for small feeds, more
/// for big ones, so that any size spans roughly one to fifteen years.
pub fn feed(count: usize) -> Feed {
    let per_day = (count as u64 / 3650).max(2);
    let mut seq = Sequence(0x9E37_79B9_7F4A_7C15);
    let mut items = Vec::with_capacity(count);
    let end = chrono::NaiveDate::from_ymd_opt(2025, 3, 19).unwrap_or_default();
    let mut day = end;
    let mut left_today = per_day;
    for n in 0..count {
        if left_today == 0 {
            let gap = 1 + seq.next() % 2;
            day = day.checked_sub_days(chrono::Days::new(gap)).unwrap_or(day);
            left_today = 1 + seq.next() % (2 * per_day);
        }
        left_today -= 1;
        let date = ItemDate::from_ymd(
            chrono::Datelike::year(&day),
            chrono::Datelike::month(&day),
            chrono::Datelike::day(&day),
        )
        .unwrap_or(ItemDate::Undated);
        let topic = TOPICS[(seq.next() % TOPICS.len() as u64) as usize];
        let title = format!("Synthetic entry {n}: {topic} (test data)");
        let summary = format!(
            "This is synthetic entry number {n}, generated for benchmarks. It stands in for a news summary about {topic} and has about the length of a real one, two sentences."
        );
        let image = Image {
            src: format!("synthetic-{}.jpg", n % 97).into(),
            alt: format!("Synthetic picture {}", n % 97).into(),
            size_kb: Some(40.0 + (n % 80) as f64),
            width: None,
            height: None,
        };
        items.push(
            NewsItem {
                summary: summary.into(),
                image: Some(image),
                ..NewsItem::new(format!("s{n}").into(), date, title.into())
            }
            .compact(),
        );
    }
    Feed::new(Some("Synthetic news".into()), items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::months::month_index;

    #[test]
    fn synthetic_feeds_are_deterministic_and_spread_over_years() {
        let a = feed(1000);
        assert_eq!(a, feed(1000));
        assert_eq!(a.items.len(), 1000);
        assert!(a.items.iter().all(|i| i.title.starts_with("Synthetic entry ")));
        let months = month_index(&a.items);
        assert!(months.len() >= 10, "{} months", months.len());
        let big = feed(100_000);
        let years = month_index(&big.items).len() / 12;
        assert!((5..=20).contains(&years), "100,000 entries span years, not centuries ({years} years)");
    }
}
