//! The bad-input corpus: every file in tests/corpus/ (and a few generated monsters) goes
//! through the same parser as the browser, and each must give the right outcome, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use datelines::formats::{parse_feed, LoadError, Parsed};
use std::path::Path;

#[derive(Debug)]
enum Expect {
    /// Not JSON, at this line and column.
    NotJson(usize, usize),
    /// JSON of the wrong shape; the message mentions this.
    WrongShape(&'static str),
    /// Readable: so many entries shown, so many skipped, so many warnings on kept entries.
    Items { shown: usize, skipped: usize, warnings: usize },
}

const CORPUS: &[(&str, Expect)] = &[
    ("empty.json", Expect::NotJson(1, 0)),
    ("truncated.json", Expect::NotJson(1, 42)),
    ("not-json.json", Expect::NotJson(1, 1)),
    ("html-page.json", Expect::NotJson(1, 1)),
    ("top-array.json", Expect::WrongShape("the top level is an array")),
    ("top-string.json", Expect::WrongShape("the top level is a string")),
    ("top-null.json", Expect::WrongShape("the top level is null")),
    ("items-object.json", Expect::WrongShape("\"items\" is an object")),
    ("no-items.json", Expect::WrongShape("no \"items\" array")),
    ("items-null.json", Expect::WrongShape("\"items\" is null")),
    ("zero-items.json", Expect::Items { shown: 0, skipped: 0, warnings: 0 }),
    ("items-not-objects.json", Expect::Items { shown: 0, skipped: 5, warnings: 0 }),
    ("title-number.json", Expect::Items { shown: 1, skipped: 1, warnings: 0 }),
    // No entry is lost to its date: a date that is not one shows the entry under "Undated".
    ("date-number.json", Expect::Items { shown: 1, skipped: 0, warnings: 1 }),
    ("bad-date.json", Expect::Items { shown: 2, skipped: 0, warnings: 1 }),
    ("missing-title.json", Expect::Items { shown: 0, skipped: 1, warnings: 0 }),
    ("empty-title.json", Expect::Items { shown: 0, skipped: 1, warnings: 0 }),
    ("duplicate-ids.json", Expect::Items { shown: 1, skipped: 1, warnings: 0 }),
    ("bom.json", Expect::Items { shown: 1, skipped: 0, warnings: 0 }),
    ("invalid-utf8.json", Expect::NotJson(1, 49)),
    ("trailing-comma.json", Expect::NotJson(4, 3)),
    ("comments.json", Expect::NotJson(1, 1)),
    ("wrong-format.json", Expect::WrongShape("\"format\" is \"rss/2\"")),
    ("jsonfeed-no-items.json", Expect::WrongShape("no \"items\" array")),
    ("jsonfeed-items-string.json", Expect::WrongShape("\"items\" is a string")),
    ("jsonfeed-all-bad.json", Expect::Items { shown: 2, skipped: 1, warnings: 2 }),
    ("unsafe-urls.json", Expect::Items { shown: 1, skipped: 0, warnings: 2 }),
    ("image-wrong-type.json", Expect::Items { shown: 1, skipped: 0, warnings: 1 }),
    ("image-bad-numbers.json", Expect::Items { shown: 1, skipped: 0, warnings: 3 }),
    ("single-quotes.json", Expect::NotJson(1, 2)),
    ("lone-surrogate.json", Expect::NotJson(1, 51)),
    ("huge-number.json", Expect::NotJson(1, 90)),
    ("nul-in-string.json", Expect::Items { shown: 1, skipped: 0, warnings: 0 }),
    ("summary-object.json", Expect::Items { shown: 1, skipped: 0, warnings: 1 }),
];

fn check(name: &str, result: Result<Parsed, LoadError>, expect: &Expect) {
    match (expect, &result) {
        (Expect::NotJson(line, column), Err(LoadError::NotJson { line: l, column: c, .. })) => {
            assert_eq!((l, c), (line, column), "{name}: position of the JSON error");
        }
        (Expect::WrongShape(words), Err(e @ LoadError::WrongShape(message))) => {
            assert!(message.contains(words), "{name}: {e} should mention {words}");
        }
        (Expect::Items { shown, skipped, warnings }, Ok(parsed)) => {
            let found = (parsed.feed.items.len(), parsed.skipped(), parsed.problems.len() - parsed.skipped());
            assert_eq!(
                found,
                (*shown, *skipped, *warnings),
                "{name}: (shown, skipped, warnings); problems: {:?}",
                parsed.problems
            );
            for problem in &parsed.problems {
                assert!(problem.path.starts_with("items["), "{name}: every problem names its entry: {problem}");
            }
        }
        _ => panic!("{name}: expected {expect:?}, got {result:?}"),
    }
}

#[test]
fn every_corpus_file_gives_the_right_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    files.sort();
    let listed: Vec<&str> = CORPUS.iter().map(|(n, _)| *n).collect();
    for file in &files {
        assert!(listed.contains(&file.as_str()), "tests/corpus/{file} has no expectation in CORPUS");
    }
    assert!(CORPUS.len() >= 30, "the corpus has at least 30 inputs");
    for (name, expect) in CORPUS {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, parse_feed(bytes), expect);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [200, 100_000] {
        let deep = format!("{{\"items\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        let err = parse_feed(deep.as_bytes()).expect_err("too deep");
        assert!(matches!(err, LoadError::NotJson { ref reason, .. } if reason.contains("recursion limit")), "{err}");
    }
    let objects = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert!(parse_feed(objects.as_bytes()).is_err());
}

#[test]
fn huge_strings_are_read_without_trouble() {
    let title = "N".repeat(5_000_000);
    let json = format!(
        "{{\"items\": [{{\"date\": \"2025-02-05\", \"title\": \"{title}\", \"id\": \"{}\"}}]}}",
        "i".repeat(100_000)
    );
    let parsed = parse_feed(json.as_bytes()).expect("parses");
    assert_eq!(parsed.feed.items[0].title.len(), 5_000_000);
    let date = format!("{{\"items\": [{{\"date\": \"{}\", \"title\": \"T\"}}]}}", "2".repeat(1_000_000));
    let parsed = parse_feed(date.as_bytes()).expect("parses");
    assert_eq!((parsed.feed.items.len(), parsed.skipped()), (1, 0), "shown under Undated");
    assert!(parsed.problems[0].message.len() < 200, "the message quotes a shortened value");
}

#[test]
fn fifty_thousand_items_parse_newest_first_with_stable_ids() {
    let mut json = String::from("{\"items\": [");
    for i in 0..50_000u32 {
        if i > 0 {
            json.push(',');
        }
        let (year, month, day) = (2000 + i % 25, 1 + i % 12, 1 + i % 28);
        json.push_str(&format!("{{\"date\": \"{year}-{month:02}-{day:02}\", \"title\": \"Synthetic item {i}\"}}"));
    }
    json.push_str("]}");
    let parsed = parse_feed(json.as_bytes()).expect("parses");
    assert_eq!(parsed.feed.items.len(), 50_000);
    assert!(parsed.problems.is_empty());
    assert!(parsed.feed.items.windows(2).all(|w| w[0].date >= w[1].date));
    let ids: std::collections::BTreeSet<_> = parsed.feed.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 50_000, "ids are unique");
}
