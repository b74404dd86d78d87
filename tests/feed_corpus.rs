#![cfg(not(target_arch = "wasm32"))]
//! The shared RSS/Atom reader against real feeds published by others: the fixtures feed-rs
//! ships in its crate (tests/corpus-xml, MIT, see LICENSE-feed-rs), with what feed-rs read from
//! each (feed-rs-readings.json: entry count, titles, links, whether dated). Datelines reads the
//! same feeds the same way, in the browser and the command line alike, except where noted.

use datelines::dates::ItemDate;
use datelines::formats::rss_atom;
use datelines::text::{collapse_whitespace, decode_entities, html_to_text};
use datelines::urls::Links;
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus-xml");

fn normal(text: &str) -> String {
    collapse_whitespace(&decode_entities(&html_to_text(text))).into_owned()
}

#[test]
fn real_feeds_read_as_feed_rs_reads_them() {
    let readings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(Path::new(DIR).join("feed-rs-readings.json")).expect("readings"))
            .expect("JSON");
    let readings = readings.as_object().expect("an object");
    assert!(readings.len() >= 25, "at least 25 real feeds");
    let mut compared = 0;
    let mut differences: Vec<String> = Vec::new();
    for (file, reading) in readings {
        let bytes = std::fs::read(Path::new(DIR).join(file)).expect("fixture");
        let feed = match rss_atom::read(&bytes, &Links::default(), |_| {}) {
            Ok(feed) => feed,
            Err(e) => {
                differences.push(format!("{file}: {e}"));
                continue;
            }
        };
        let expected = reading["entries"].as_array().expect("entries");
        let items = &feed.parsed.feed.items;
        // Every entry feed-rs found is shown, or left out with a problem that says why.
        if items.len() + feed.parsed.skipped() != expected.len() {
            differences.push(format!(
                "{file}: {} items, {} expected: {:?}",
                items.len(),
                expected.len(),
                feed.parsed.problems
            ));
        }
        for entry in expected {
            let Some(title) = entry["title"].as_str().map(normal).filter(|t| !t.is_empty()) else { continue };
            let Some(item) = items.iter().find(|i| i.title == title) else {
                differences.push(format!("{file}: no item titled {title:?}"));
                continue;
            };
            if entry["published"].is_string() && item.date == ItemDate::Undated {
                differences.push(format!("{file}: {title:?} is undated"));
            }
            if let Some(link) = entry["link"].as_str().map(str::trim).filter(|l| l.starts_with("http")) {
                let url = item.url.as_ref().map(ToString::to_string);
                // feed-rs writes hosts in lower case (the url crate); Datelines keeps links as
                // written, which browsers read the same way.
                if !url.as_deref().is_some_and(|url| url.eq_ignore_ascii_case(link)) {
                    differences.push(format!("{file}: {title:?} links to {url:?}, not {link}"));
                }
            }
            compared += 1;
        }
    }
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
    assert!(compared >= 60, "{compared} entries compared");
}

/// The fixtures feed-rs keeps no reading for, each with what Datelines makes of it.
#[test]
fn the_other_fixtures_read_as_expected() {
    let read = |file: &str| {
        let bytes = std::fs::read(Path::new(DIR).join(file)).expect("fixture");
        rss_atom::read(&bytes, &Links::relative_to("https://example.org/feed.xml"), |_| {})
    };
    // A channel with an image and no items: a feed of none, without a problem.
    let reuters = read("rss_2.0_invalid_1.xml").expect("a feed");
    assert_eq!((reuters.parsed.feed.items.len(), reuters.parsed.problems.len()), (0, 0));
    assert_eq!(reuters.parsed.feed.title.as_deref(), Some("Reuters: Most Read Articles"));
    // Dated with the month before the day ("Fri, Oct 7 2022 10:15:00 -0400").
    let verdagon = read("rss_2.0_verdagon.xml").expect("a feed");
    assert!(verdagon.parsed.problems.is_empty(), "{:?}", verdagon.parsed.problems);
    assert!(verdagon.parsed.feed.items.iter().all(|i| i.date != ItemDate::Undated));
    assert_eq!(read("rss_2.0_volpeon_hybrid.xml").expect("a feed").parsed.feed.items.len(), 2);
    // Not a feed: `<rdf>` is not RSS 1.0's `<rdf:RDF>`.
    let err = read("xml_iso8859.xml").expect_err("not a feed");
    assert!(err.to_string().contains("XML whose root element is <rdf>"), "{err}");
}
