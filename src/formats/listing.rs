//! The plain-text news listing, as copied from a news page such as NATO's "News" (the seed).
//!
//! ```text
//! News
//!
//! 1000 Entries
//!
//! DateTitle
//! 19 Mar. 2025 220720-topic-korean-republic.jpg - NATO + nation flag on black, 55.76KB
//!
//! The Republic of Korea joins NATO …
//!
//! On 1 March 2025, the Republic of Korea joined …
//! 27 Feb. 2025 250225-asg-ihc.jpg, 40.46KB
//! …
//! Back To Top
//! ```
//!
//! Each entry starts with a line "date [image file[ - alt text], size]", then a title line,
//! then zero or more summary lines.

use super::{Parsed, Problem};
use crate::dates::ItemDate;
use crate::model::{derive_id, Feed, Image, NewsItem};

struct Header {
    date: ItemDate,
    image: Option<Image>,
}

/// Recognises an entry's first line. The date is the first three words.
fn parse_header(line: &str) -> Option<Header> {
    let mut words = line.splitn(4, ' ');
    let date_text = [words.next()?, words.next()?, words.next()?].join(" ");
    // Only "19 Mar. 2025"-style dates start an entry, so a title that begins with a number
    // is never taken for one.
    if !date_text.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let date = ItemDate::parse(&date_text).ok()?;
    let rest = words.next().unwrap_or("").trim();
    if rest.is_empty() {
        return Some(Header { date, image: None });
    }
    let (described, size) = rest.rsplit_once(',')?;
    let size_kb = parse_size_kb(size.trim())?;
    let (src, alt) = match described.split_once(" - ") {
        Some((src, alt)) => (src.trim(), alt.trim()),
        None => (described.trim(), ""),
    };
    if src.is_empty() || src.contains(' ') {
        return None;
    }
    let image = Image { src: src.into(), alt: alt.into(), size_kb: Some(size_kb), width: None, height: None };
    Some(Header { date, image: Some(image) })
}

/// "55.76KB" or "55.76 KB".
fn parse_size_kb(text: &str) -> Option<f64> {
    let number = text.strip_suffix("KB").or_else(|| text.strip_suffix("kB"))?.trim();
    number.parse::<f64>().ok().filter(|kb| kb.is_finite() && *kb >= 0.0)
}

/// Parses a listing. Lines before the first entry give the title (its first line); "Back To
/// Top" ends the list.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut title = None;
    let mut items: Vec<NewsItem> = Vec::new();
    let mut problems = Vec::new();
    // The entry being read: its header line number, header, title and summary lines.
    let mut current: Option<(usize, Header, Option<String>, Vec<String>)> = None;

    let mut finish = |entry: Option<(usize, Header, Option<String>, Vec<String>)>, items: &mut Vec<NewsItem>| {
        if let Some((line_no, header, entry_title, summary)) = entry {
            match entry_title {
                Some(entry_title) => items.push(NewsItem {
                    summary: summary.join("\n\n").into(),
                    image: header.image,
                    ..NewsItem::new(derive_id(&header.date, &entry_title).into(), header.date, entry_title.into())
                }),
                None => problems.push(Problem {
                    path: format!("line {line_no}"),
                    message: "entry has a date but no title".into(),
                    skipped: true,
                }),
            }
        }
    };

    for (index, raw_line) in text.lines().enumerate() {
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if line.eq_ignore_ascii_case("back to top") {
            break;
        }
        if let Some(header) = parse_header(line) {
            finish(current.take(), &mut items);
            current = Some((index + 1, header, None, Vec::new()));
            continue;
        }
        match current.as_mut() {
            None => {
                if title.is_none() {
                    title = Some(line.to_string());
                }
            }
            Some((_, _, entry_title @ None, _)) => *entry_title = Some(line.to_string()),
            Some((_, _, Some(_), summary)) => summary.push(line.to_string()),
        }
    }
    finish(current.take(), &mut items);
    Parsed { feed: Feed::new(title, items), problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_lines_with_and_without_alt_text() {
        let h = parse_header("19 Mar. 2025 220720-topic-korean-republic.jpg - NATO + nation flag on black, 55.76KB")
            .expect("header");
        assert_eq!(h.date.iso_date().as_deref(), Some("2025-03-19"));
        let img = h.image.expect("image");
        assert_eq!(
            (img.src.to_string().as_str(), img.alt.as_str(), img.size_kb),
            ("220720-topic-korean-republic.jpg", "NATO + nation flag on black", Some(55.76))
        );

        let img = parse_header(
            "13 Feb. 2025 250213d-002.jpg - Family photo - Meeting of NATO Ministers of Defence, Brussels, 57.36KB",
        )
        .and_then(|h| h.image)
        .expect("image");
        assert_eq!(img.alt, "Family photo - Meeting of NATO Ministers of Defence, Brussels");

        let img = parse_header("27 Feb. 2025 250225-asg-ihc.jpg, 40.46KB").and_then(|h| h.image).expect("image");
        assert_eq!((img.src.to_string().as_str(), img.alt.as_str()), ("250225-asg-ihc.jpg", ""));

        assert!(parse_header("1000 Entries").is_none());
        assert!(parse_header("On 1 March 2025, the Republic of Korea joined").is_none());
    }

    #[test]
    fn entries_without_summary_and_a_missing_title_are_handled() {
        let parsed = parse("News\n\n24 Feb. 2025 a.jpg, 1.00KB\n\nStatement\n20 Feb. 2025 b.jpg, 2.00KB\n\nTitle\n\nText\n19 Feb. 2025\nBack To Top\n");
        assert_eq!(parsed.feed.items.len(), 2);
        assert_eq!(parsed.feed.items[0].summary, "");
        assert_eq!(parsed.feed.items[1].summary, "Text");
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].to_string(), "line 11: entry has a date but no title");
    }
}
