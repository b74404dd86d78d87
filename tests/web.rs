//! Component tests in headless Chromium (wasm-bindgen-test): mount a component, assert the DOM.
#![cfg(target_arch = "wasm32")]

use datelines::formats::parse_feed;
use datelines::model::Feed;
use datelines::ui::NewsPage;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn feed(json: &str) -> Feed {
    parse_feed(json.as_bytes()).expect("test feed parses").feed
}

/// A fresh container in the document for one test.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let el = document.create_element("section").expect("create section");
    document.body().expect("body").append_child(&el).expect("append");
    el.unchecked_into()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|node| node.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

/// Waits (up to about 5 s) until `selector` matches inside `root`.
async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..100 {
        if let Ok(Some(el)) = root.query_selector(selector) {
            return el;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
    }
    panic!("{selector} never appeared");
}

const THREE: &str = r#"{"title":"News","items":[
    {"date":"2025-02-05","title":"Oldest","summary":"First of February."},
    {"date":"2025-03-19","title":"Newest","summary":"In March.",
     "image":{"src":"no-such-image.jpg","alt":"Flag on black","size_kb":55.76}},
    {"date":"2025-02-24","title":"Middle"}
]}"#;

#[wasm_bindgen_test]
fn the_list_shows_heading_count_and_entries_newest_first() {
    let root = container();
    let feed = feed(THREE);
    let _mounted = mount_to(root.clone(), move || view! { <NewsPage feed/> });

    assert_eq!(texts(&root, "h1"), ["News"]);
    assert_eq!(texts(&root, ".dl-count"), ["3 entries"]);
    assert_eq!(texts(&root, "ol > li > article h2"), ["Newest", "Middle", "Oldest"]);
    assert_eq!(texts(&root, "article time"), ["19 Mar. 2025", "24 Feb. 2025", "05 Feb. 2025"]);
    let first_time = root.query_selector("article time").expect("selector").expect("a time");
    assert_eq!(first_time.get_attribute("datetime").as_deref(), Some("2025-03-19"));
    // An entry without a summary has no empty paragraph.
    assert_eq!(texts(&root, ".dl-summary"), ["In March.", "First of February."]);
    assert_eq!(texts(&root, ".dl-back-to-top a"), ["Back to top"]);
}

#[wasm_bindgen_test]
fn the_thumbnail_reserves_its_size_and_is_lazy() {
    let root = container();
    let feed = feed(THREE);
    let _mounted = mount_to(root.clone(), move || view! { <NewsPage feed/> });

    let img = root.query_selector("article img").expect("selector").expect("an img");
    assert_eq!(img.get_attribute("alt").as_deref(), Some("Flag on black"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("320"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("180"));
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
}

#[wasm_bindgen_test]
async fn an_image_that_fails_becomes_a_placeholder_with_its_alt_text() {
    let root = container();
    let feed = feed(THREE);
    let _mounted = mount_to(root.clone(), move || view! { <NewsPage feed/> });

    let placeholder = wait_for(&root, "article:first-child .dl-thumb-placeholder[role=img]").await;
    assert_eq!(placeholder.get_attribute("aria-label").as_deref(), Some("Flag on black"));
    assert_eq!(placeholder.text_content().as_deref(), Some("Flag on black"));
    let first = root.query_selector("article").expect("selector").expect("article");
    assert!(first.query_selector("img").expect("selector").is_none(), "the broken img is gone");
    // Entries with no image at all show a decorative placeholder, hidden from screen readers.
    let decorative = root.query_selector_all(".dl-thumb-placeholder[aria-hidden=true]").expect("selector");
    assert_eq!(decorative.length(), 2);
}
