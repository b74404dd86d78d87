//! The bundled data file is exactly what the importer makes of the seed page, and it reads back
//! as the 10 seed entries, newest first.
#![cfg(not(target_arch = "wasm32"))]

use datelines::formats::{datelines::to_json, listing, parse_feed};

const SEED: &str = include_str!("fixtures/news-page.txt");

#[test]
fn bundled_json_is_the_import_of_the_seed_page() {
    let imported = listing::parse(SEED);
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(
        to_json(&imported.feed),
        include_str!("../public/news.json"),
        "public/news.json is out of date: run `cargo run --bin datelines-cli -- import tests/fixtures/news-page.txt -o public/news.json`"
    );
}

#[test]
fn the_app_carries_public_news_json_minified() {
    let file = include_str!("../public/news.json");
    assert!(datelines::BUNDLED_JSON.len() < file.len() * 9 / 10, "no indentation");
    assert!(!datelines::BUNDLED_JSON.contains("\n  "));
    let (bundled, original) = (parse_feed(datelines::BUNDLED_JSON.as_bytes()), parse_feed(file.as_bytes()));
    assert_eq!(bundled.expect("the bundled news reads"), original.expect("the file reads"));
}

#[test]
fn bundled_json_has_the_ten_seed_entries_newest_first() {
    let parsed = parse_feed(datelines::BUNDLED_JSON.as_bytes()).expect("bundled data parses");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let rows: Vec<(String, &str)> = parsed
        .feed
        .items
        .iter()
        .map(|i| (i.date.day().map(|d| d.short_label()).unwrap_or_default(), i.title.as_str()))
        .collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[0],
        (
            "19 Mar. 2025".to_string(),
            "The Republic of Korea joins NATO Science & Technology Organization (STO) Partnership"
        )
    );
    assert_eq!(
        rows[2],
        (
            "24 Feb. 2025".to_string(),
            "NATO Secretary General's statement on the third anniversary of Russia's full-scale invasion of Ukraine"
        )
    );
    // Two entries on 17 Feb. keep the page's order.
    assert_eq!(
        rows[3].1,
        "NATO Secretary General welcomes United States Special Envoy Keith Kellogg to the North Atlantic Council"
    );
    assert_eq!(rows[4].1, "NATO Deputy Secretary General visits Poland");
    assert_eq!(
        rows[9],
        (
            "03 Feb. 2025".to_string(),
            "NATO Secretary General calls for a strong NATO-EU partnership at EU leaders’ informal retreat"
        )
    );
    // Every fact of the page survives: image file, alt text and size.
    let first = parsed.feed.items[0].image.as_ref().expect("image");
    assert_eq!(first.src, "220720-topic-korean-republic.jpg");
    assert_eq!(first.alt, "NATO + nation flag on black");
    assert_eq!(first.size_label().as_deref(), Some("55.76 KB"));
    let third = &parsed.feed.items[2];
    assert_eq!(third.summary, "", "the 24 Feb. entry has no summary on the page");
    assert_eq!(third.image.as_ref().and_then(|i| i.size_kb), Some(51.40));
}
