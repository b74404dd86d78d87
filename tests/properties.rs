//! Property tests over the parsers: whatever the input, they return a value and never panic
//! (in wasm a panic would abort the module and take every widget on the page with it).
//! `PROPTEST_CASES=100000 cargo test --test properties` runs a longer search.
#![cfg(not(target_arch = "wasm32"))]

use datelines::dates::{ItemDate, YearMonth};
use datelines::formats::{datelines::to_json, listing, parse_any_with, parse_feed, rss_atom};
use datelines::sanitize::{allowed_attribute, tag_policy};
use datelines::text::{decode_entities, excerpt, html_to_text};
use datelines::url_state::ViewState;
use datelines::urls::{safe_url, Links};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Any JSON value, biased towards the shapes and keys a news file has.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("items".to_string()),
        Just("title".to_string()),
        Just("date".to_string()),
        Just("date_published".to_string()),
        Just("id".to_string()),
        Just("image".to_string()),
        Just("src".to_string()),
        Just("url".to_string()),
        Just("version".to_string()),
        Just("content_html".to_string()),
        Just("tags".to_string()),
        Just("format".to_string()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        Just(json!("https://jsonfeed.org/version/1.1")),
        Just(json!("2025-03-01T00:30:00+02:00")),
        Just(json!("datelines/1")),
        "\\PC{0,24}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_feed(&bytes[..]);
        let _ = listing::parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_json_shape_parses_and_every_entry_is_accounted_for(value in json_value()) {
        let bytes = serde_json::to_vec(&value).expect("serialises");
        if let Ok(parsed) = parse_feed(&bytes[..]) {
            if let Some(items) = value.get("items").and_then(Value::as_array) {
                // Each input entry is either shown or reported as skipped.
                prop_assert_eq!(parsed.feed.items.len() + parsed.skipped(), items.len());
            }
            // What the parser accepted, the writer writes and the parser reads back.
            let again = parse_feed(to_json(&parsed.feed).as_bytes()).expect("own output parses");
            prop_assert_eq!(again.feed.items.len(), parsed.feed.items.len());
        }
    }

    #[test]
    fn any_feed_items_survive_a_round_trip(
        items in prop::collection::vec(("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])", "\\PC{1,40}", "\\PC{0,40}"), 0..20)
    ) {
        let items: Vec<Value> = items.iter().map(|(date, title, summary)| json!({"date": date, "title": title, "summary": summary})).collect();
        let bytes = serde_json::to_vec(&json!({ "items": items })).expect("serialises");
        let parsed = parse_feed(&bytes[..]).expect("valid input");
        let again = parse_feed(to_json(&parsed.feed).as_bytes()).expect("own output parses");
        prop_assert_eq!(again.feed, parsed.feed);
    }

    #[test]
    fn text_helpers_never_panic(s in "\\PC{0,80}", n in 0usize..100) {
        let _ = ItemDate::parse(&s);
        let _ = YearMonth::parse(&s);
        let _ = safe_url(&s);
        let _ = decode_entities(&s);
        let _ = html_to_text(&s);
        let _ = excerpt(&s, n);
        let _ = tag_policy(&s);
        let _ = allowed_attribute("a", "href", &s);
        let _ = ViewState::from_query(&s).to_query(&s);
    }

    #[test]
    fn safe_urls_never_carry_a_script_scheme(s in "[ \\t\\n]{0,2}(java|vb)?[ \\t\\n]{0,2}script?:?[\\PC]{0,20}") {
        if let Some(url) = safe_url(&s) {
            let squashed: String = url.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            prop_assert!(!squashed.starts_with("javascript:") && !squashed.starts_with("vbscript:"), "{}", url);
        }
    }
}

/// Text as a feed may hold it: escaped `<`, references known and unknown, a stray `&`, CDATA.
fn xml_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[^<&\\]]{0,12}",
        Just("&amp;".to_string()),
        Just("&lt;b&gt;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&rsquo;".to_string()),
        Just("&bogus;".to_string()),
        Just("AT&T".to_string()),
        Just("&#8217;".to_string()),
        Just("&#xD800;".to_string()),
        Just("<![CDATA[<p>x & y</p>]]>".to_string()),
        Just("Wed, 19 Mar 2025 10:00 GMT".to_string()),
        Just("2025-03-19T10:00:00Z".to_string()),
        Just("2020/1/10 14:33:00".to_string()),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|parts| parts.concat())
}

/// One child of an item: a field with text, or an element with attributes only.
fn xml_field() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("title"),
        Just("link"),
        Just("guid"),
        Just("id"),
        Just("pubDate"),
        Just("published"),
        Just("updated"),
        Just("dc:date"),
        Just("description"),
        Just("summary"),
        Just("content"),
        Just("content:encoded"),
        Just("category"),
        Just("author"),
        Just("media:description"),
        Just("x:unknown"),
    ];
    let empty = prop_oneof![
        Just("media:thumbnail"),
        Just("media:content"),
        Just("enclosure"),
        Just("itunes:image"),
        Just("link"),
    ];
    let attr = prop_oneof![
        Just(r#" url="https://img.example/a.jpg""#),
        Just(r#" href="a.png" rel="enclosure" type="image/png""#),
        Just(r#" url="javascript:alert(1)" type="image/jpeg""#),
        Just(r#" type="xhtml""#),
        Just(r#" xml:base="https://base.example/x/""#),
        Just(r#" width="9999999999" height="-1""#),
        Just(""),
    ];
    prop_oneof![
        (name, attr.clone(), xml_text()).prop_map(|(n, a, t)| format!("<{n}{a}>{t}</{n}>")),
        (empty, attr).prop_map(|(n, a)| format!("<{n}{a}/>")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any bytes given to the RSS/Atom reader, and to the browser's entry point that sniffs them,
    /// end in a value or an error, never a panic.
    #[test]
    fn any_bytes_read_as_xml_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512), prefix in 0usize..4) {
        let head: &[u8] = [&b""[..], b"<rss><channel><item>", b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>"][prefix];
        let file = [head, &bytes].concat();
        let _ = rss_atom::read(&file, &Links::relative_to("https://example.org/feed.xml"), |_| {});
        let _ = parse_any_with(file, &Links::default());
    }

    /// Any well-formed feed of any item shape: every item is shown, or reported as left out.
    #[test]
    fn every_item_of_any_shape_is_shown_or_reported(
        items in prop::collection::vec(prop::collection::vec(xml_field(), 0..6), 0..8),
        atom in any::<bool>(),
        cut in prop::option::of(0usize..2000),
    ) {
        let (open, close, item) = if atom {
            ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "</feed>", "entry")
        } else {
            ("<rss version=\"2.0\"><channel><title>T</title>", "</channel></rss>", "item")
        };
        let body: String = items.iter().map(|fields| format!("<{item}>{}</{item}>", fields.concat())).collect();
        let xml = format!("{open}{body}{close}");
        let feed = rss_atom::read(xml.as_bytes(), &Links::relative_to("https://example.org/feed.xml"), |_| {})
            .expect("a well-formed feed is read");
        prop_assert_eq!(feed.parsed.feed.items.len() + feed.parsed.skipped(), items.len(), "{}", xml);
        for shown in &feed.parsed.feed.items {
            prop_assert!(!shown.title.is_empty());
            for link in shown.url.iter().map(ToString::to_string).chain(shown.image.iter().map(|i| i.src.to_string())) {
                prop_assert!(safe_url(&link).is_some(), "{}", link);
            }
        }
        // Cut short anywhere, it never panics and never invents items.
        if let Some(cut) = cut {
            let mut at = cut.min(xml.len());
            while !xml.is_char_boundary(at) {
                at -= 1;
            }
            if let Ok(partial) = rss_atom::read(&xml.as_bytes()[..at], &Links::default(), |_| {}) {
                prop_assert!(partial.parsed.feed.items.len() <= items.len());
            }
        }
    }
}

proptest! {
    /// A date with any ending after a valid start (an offset of odd characters) never panics.
    #[test]
    fn dates_with_any_offset_never_panic(sign in "[+-]", tail in "\\PC{0,5}") {
        let _ = ItemDate::parse(&format!("2025-03-19T10:00:00{sign}{tail}"));
        let _ = ItemDate::parse(&format!("Wed, 19 Mar 2025 10:00:00 {sign}{tail}"));
        let _ = ItemDate::parse(&format!("2020/1/10 {tail}"));
    }
}
