//! Component tests in headless Chromium (wasm-bindgen-test): mount a component, assert the DOM.
#![cfg(target_arch = "wasm32")]

#[path = "support/xss.rs"]
mod xss;

use datelines::formats::parse_feed;
use datelines::ui::{ListView, Loader, NewsApp, Source};
use datelines::url_state::ViewState;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A loader over this feed, already loaded (the list view's data).
fn news(json: &str) -> Loader {
    Loader::ready(parse_feed(json.as_bytes()).expect("test feed parses"))
}

/// Mounts the list view over this feed on a fresh container, with its view state.
fn mount_list(
    json: &str,
    query: &str,
) -> (web_sys::HtmlElement, RwSignal<ViewState>, leptos::mount::UnmountHandle<impl Mountable>) {
    let root = container();
    let state = RwSignal::new(ViewState::from_query(query));
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let news = news(json);
    let handle = mount_to(root.clone(), move || view! { <ListView news state href_for/> });
    (root, state, handle)
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
            let _ =
                web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
    }
    panic!("{selector} never appeared");
}

const THREE: &str = r#"{"items":[
    {"date":"2025-02-05","title":"Oldest","summary":"First of February."},
    {"date":"2025-03-19","title":"Newest","summary":"In March.",
     "image":{"src":"no-such-image.jpg","alt":"Flag on black","size_kb":55.76}},
    {"date":"2025-02-24","title":"Middle"}
]}"#;

#[wasm_bindgen_test]
fn the_list_shows_heading_count_and_entries_newest_first() {
    let (root, _state, _mounted) = mount_list(THREE, "");

    assert_eq!(texts(&root, "h1"), ["News"]);
    assert_eq!(texts(&root, ".dl-count"), ["3 entries"]);
    assert_eq!(texts(&root, "ol > li > article h3"), ["Newest", "Middle", "Oldest"]);
    assert_eq!(texts(&root, "article time"), ["19 Mar. 2025", "24 Feb. 2025", "05 Feb. 2025"]);
    let first_time = root.query_selector("article time").expect("selector").expect("a time");
    assert_eq!(first_time.get_attribute("datetime").as_deref(), Some("2025-03-19"));
    // An entry without a summary has no empty paragraph.
    assert_eq!(texts(&root, ".dl-summary"), ["In March.", "First of February."]);
    assert_eq!(texts(&root, ".dl-back-to-top a"), ["Back to top"]);
}

#[wasm_bindgen_test]
async fn a_refreshed_feed_with_the_same_layout_shows_its_new_text() {
    // Same months, same number of entries, same first entry: only a title changed upstream.
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let loaded = news(THREE);
    let _mounted = mount_to(root.clone(), move || view! { <ListView news=loaded state href_for/> });
    assert_eq!(texts(&root, "ol > li > article h3"), ["Newest", "Middle", "Oldest"]);
    let fixed = THREE.replace("\"Middle\"", "\"Middle, corrected\"");
    loaded.list.update(|list| list.feed_loaded(parse_feed(fixed.as_bytes()).expect("feed")));
    tick().await;
    assert_eq!(texts(&root, "ol > li > article h3"), ["Newest", "Middle, corrected", "Oldest"]);
}

#[wasm_bindgen_test]
async fn a_list_builds_each_row_once() {
    // Rows built a second time after the first paint double a load's work (the first list of a
    // `?src=` page took 100 rows for its 50) and lose what the reader's browser holds on them.
    let (root, _state, _mounted) = mount_list(THREE, "");
    let rows = root.query_selector_all("article").expect("selector");
    assert_eq!(rows.length(), 3);
    for i in 0..rows.length() {
        let row: web_sys::Element = rows.item(i).expect("row").unchecked_into();
        row.set_attribute("data-first-build", "").expect("mark");
    }
    tick().await;
    tick().await;
    assert_eq!(root.query_selector_all("article").expect("selector").length(), 3);
    assert_eq!(root.query_selector_all("article[data-first-build]").expect("selector").length(), 3);
}

#[wasm_bindgen_test]
fn the_thumbnail_reserves_its_size_and_is_lazy() {
    let (root, _state, _mounted) = mount_list(THREE, "");

    let img = root.query_selector("article img").expect("selector").expect("an img");
    assert_eq!(img.get_attribute("alt").as_deref(), Some("Flag on black"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("320"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("180"));
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
}

#[wasm_bindgen_test]
async fn an_image_that_fails_becomes_a_placeholder_with_its_alt_text() {
    let (root, _state, _mounted) = mount_list(THREE, "");

    let placeholder = wait_for(&root, "article:first-child .dl-thumb-placeholder[role=img]").await;
    assert_eq!(placeholder.get_attribute("aria-label").as_deref(), Some("Flag on black"));
    assert_eq!(placeholder.text_content().as_deref(), Some("Flag on black"));
    let first = root.query_selector("article").expect("selector").expect("article");
    assert!(first.query_selector("img").expect("selector").is_none(), "the broken img is gone");
    // Entries with no image at all take no image space: no box, no placeholder.
    assert_eq!(root.query_selector_all(".dl-thumb").expect("selector").length(), 1);
    assert_eq!(texts(&root, "article.dl-text-only h3"), ["Middle", "Oldest"]);
}

#[wasm_bindgen_test]
async fn the_month_filter_lists_months_with_counts_and_filters_at_once() {
    let (root, state, _mounted) = mount_list(THREE, "");
    assert_eq!(texts(&root, "label[for=dl-month]"), ["Month"]);
    assert_eq!(texts(&root, "#dl-month option"), ["All months", "March 2025 (1)", "February 2025 (2)"]);
    assert_eq!(texts(&root, "section > h2"), ["March 2025", "February 2025"]);

    let select: web_sys::HtmlSelectElement =
        root.query_selector("#dl-month").expect("selector").expect("select").unchecked_into();
    select.set_value("2025-02");
    let change = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&change).expect("dispatch");
    tick().await;

    assert_eq!(state.get_untracked(), ViewState::from_query("?month=2025-02"));
    assert_eq!(texts(&root, "article h3"), ["Middle", "Oldest"]);
    assert_eq!(texts(&root, ".dl-count"), ["2 entries"]);
    assert_eq!(texts(&root, "section > h2"), ["February 2025"]);
}

#[wasm_bindgen_test]
async fn an_empty_month_offers_the_way_back_and_a_malformed_one_shows_all() {
    let (root, state, _mounted) = mount_list(THREE, "?month=2024-01");
    assert_eq!(texts(&root, "article").len(), 0);
    assert_eq!(texts(&root, ".dl-count"), ["0 entries"]);
    assert_eq!(texts(&root, ".dl-empty p"), ["There are no entries for January 2024."]);
    assert_eq!(texts(&root, "#dl-month option")[1], "January 2024 (0)");
    let button: web_sys::HtmlElement =
        root.query_selector(".dl-empty button").expect("selector").expect("button").unchecked_into();
    button.click();
    tick().await;
    assert_eq!(state.get_untracked(), ViewState::default());
    assert_eq!(texts(&root, "article").len(), 3);

    let (root, _state, _mounted) = mount_list(THREE, "?month=2025-13");
    assert_eq!(texts(&root, "article").len(), 3);
    assert_eq!(texts(&root, ".dl-notice"), ["“2025-13” is not a month, so all entries are shown."]);
}

#[wasm_bindgen_test]
async fn a_title_opens_its_card_and_close_returns_focus_to_it() {
    let (root, state, _mounted) = mount_list(THREE, "?month=2025-02");
    let link: web_sys::HtmlElement =
        root.query_selector("article .dl-title-link").expect("selector").expect("a title link").unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("?month=2025-02&item=2025-02-24-middle"));
    link.click();
    tick().await;
    assert_eq!(state.get_untracked().item.as_deref(), Some("2025-02-24-middle"));
    let card = wait_for(&root, "dialog.dl-card[open]").await;
    assert_eq!(texts(&root, "dialog h2"), ["Middle"]);
    assert_eq!(texts(&root, "dialog time"), ["24 February 2025"]);
    let active = document().active_element().expect("focus");
    assert_eq!(active.id(), "dl-card-title", "focus moved to the card heading");
    // Inside February, Middle has no previous and Oldest as next.
    let previous: web_sys::HtmlButtonElement =
        card.query_selector(".dl-previous").expect("s").expect("prev").unchecked_into();
    let next: web_sys::HtmlButtonElement = card.query_selector(".dl-next").expect("s").expect("next").unchecked_into();
    assert!(previous.disabled());
    assert!(!next.disabled());

    let close: web_sys::HtmlElement = card.query_selector(".dl-close").expect("s").expect("close").unchecked_into();
    close.click();
    tick().await;
    assert!(root.query_selector("dialog").expect("s").is_none());
    assert_eq!(state.get_untracked().item, None);
    let active = document().active_element().expect("focus");
    assert_eq!(active.get_attribute("data-dl-id").as_deref(), Some("2025-02-24-middle"));
}

#[wasm_bindgen_test]
async fn an_unknown_id_says_so() {
    let (root, state, _mounted) = mount_list(THREE, "?item=nope");
    wait_for(&root, "dialog[open]").await;
    assert_eq!(texts(&root, "dialog h2"), ["This news item was not found"]);
    let back: web_sys::HtmlElement =
        root.query_selector(".dl-back-to-list").expect("s").expect("button").unchecked_into();
    back.click();
    tick().await;
    assert_eq!(state.get_untracked().item, None);
}

#[wasm_bindgen_test]
fn the_app_shows_the_bundled_news_without_a_fetch() {
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let _mounted = mount_to(root.clone(), move || view! { <NewsApp source=Source::Bundled state href_for/> });
    assert_eq!(texts(&root, ".dl-count"), ["10 entries"]);
    assert_eq!(texts(&root, "article").len(), 10);
    assert!(root.query_selector(".dl-skipped").expect("selector").is_none(), "the bundled data has no problems");
}

#[wasm_bindgen_test]
async fn every_xss_payload_renders_inertly_in_its_card() {
    let json = xss::xss_feed();
    let ids: Vec<String> =
        parse_feed(json.as_bytes()).expect("parses").feed.items.iter().map(|i| String::from(&i.id)).collect();
    assert!(ids.len() > 200);
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let _mounted = mount_to(root.clone(), move || view! { <ListView news=news(&json) state href_for/> });
    for id in ids {
        state.update(|s| s.item = Some(id.clone()));
        tick().await;
        let elements = root.query_selector_all("dialog *").expect("selector");
        for i in 0..elements.length() {
            let Some(el) = elements.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let tag = el.local_name();
            assert!(
                !["script", "iframe", "object", "embed", "form", "style", "svg", "math", "base", "meta", "link"]
                    .contains(&tag.as_str()),
                "{id}: <{tag}> survived"
            );
            for name in el.get_attribute_names().iter().filter_map(|n| n.as_string()) {
                let value = el.get_attribute(&name).unwrap_or_default().to_ascii_lowercase();
                assert!(!name.starts_with("on"), "{id}: <{tag} {name}> survived");
                assert!(
                    !(name == "style" && el.closest(".dl-rich-text").ok().flatten().is_some()),
                    "{id}: style survived"
                );
                if name == "href" || name == "src" {
                    let squashed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                    assert!(
                        !squashed.starts_with("javascript:") && !squashed.starts_with("data:"),
                        "{id}: {name}={value}"
                    );
                }
            }
        }
    }
    state.update(|s| s.item = None);
    tick().await;
    assert!(root.query_selector("dialog").expect("selector").is_none());
}

/// Our resolved link as the browser will use it (it percent-encodes spaces and the like when it
/// reads an `href` or `src`); it must already be absolute, or this gives `None`.
fn as_browser_requests(ours: Option<String>) -> Option<String> {
    ours.and_then(|url| web_sys::Url::new(&url).ok()).map(|url| url.href())
}

#[wasm_bindgen_test]
fn rust_url_resolution_matches_the_browsers_url() {
    let bases = [
        "https://news.example.org/feeds/2025/news.json?v=2#top",
        "http://example.org",
        "https://example.org/a/b/",
        "https://News.Example.ORG?q=1#f",
        "http://example.org/a/b/c",
    ];
    let urls = [
        "a.jpg",
        "./img/a.jpg",
        "../a.jpg",
        "../../../../a.jpg",
        "img/./x/../a.jpg",
        "/a.jpg",
        "//cdn.example.org/a.jpg",
        "?page=2",
        "#x",
        "http://other.example/a",
        "img/..",
        "a.jpg?x=../y",
        "img\\a.jpg",
        "..",
        ".",
        "a/%2e%2e/b.jpg",
        "https:foo",
        "https:/foo",
        "http:foo",
        "HTTPS:foo/bar",
        "http:/x/../y",
        "https:\\\\cdn.example.org/a",
    ];
    for base in bases {
        for url in urls {
            let browser = web_sys::Url::new_with_base(url, base).expect("valid").href();
            assert_eq!(
                as_browser_requests(datelines::urls::resolve(url, base)),
                Some(browser.clone()),
                "{url} against {base}"
            );
        }
    }
    // A scheme-relative path after a same scheme is a path, however odd it looks.
    for url in ["https:http://evil.example/x", "https:https:foo", "https: //x/y", "https:\u{1}//x/y"] {
        let base = bases[0];
        let browser = web_sys::Url::new_with_base(url, base).expect("valid").href();
        assert_eq!(
            as_browser_requests(datelines::urls::resolve(url, base)),
            Some(browser.clone()),
            "{url} against {base}"
        );
    }
}

#[wasm_bindgen_test]
async fn in_french_the_list_and_its_card_speak_french() {
    use datelines::i18n::FR;
    use datelines::ui::Language;
    let root = container();
    let state = RwSignal::new(ViewState::from_query("?month=2025-01"));
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let _mounted = mount_to(root.clone(), move || {
        provide_context(Language::fixed(&FR));
        view! { <ListView news=news(THREE) state href_for/> }
    });
    // An empty month: the empty state and the "all months" way back, in French.
    assert_eq!(texts(&root, ".dl-heading"), ["Actualités"]);
    assert_eq!(texts(&root, ".dl-count"), ["0 article"]);
    assert_eq!(texts(&root, ".dl-empty p"), ["Aucun article pour janvier 2025."]);
    assert_eq!(texts(&root, ".dl-empty button"), ["Afficher tous les mois"]);
    assert_eq!(
        texts(&root, "#dl-month option"),
        ["Tous les mois", "janvier 2025 (0)", "mars 2025 (1)", "février 2025 (2)"]
    );
    assert_eq!(texts(&root, ".dl-filter-label"), ["Mois"]);

    state.update(|s| s.month = datelines::url_state::MonthChoice::All);
    tick().await;
    assert_eq!(texts(&root, ".dl-count"), ["3 articles"]);
    assert_eq!(texts(&root, ".dl-month-heading"), ["mars 2025", "février 2025"]);
    assert_eq!(texts(&root, ".dl-date"), ["19 mars 2025", "24 février 2025", "5 février 2025"]);
    assert_eq!(texts(&root, ".dl-back-to-top"), ["Retour en haut"]);

    let newest = feed_id(&root, 0);
    state.update(|s| s.item = Some(newest));
    wait_for(&root, "dialog[open]").await;
    assert_eq!(texts(&root, ".dl-caption"), ["Flag on black · 55,76\u{A0}Ko"]);
    assert_eq!(texts(&root, "dialog .dl-date"), ["19 mars 2025"]);
    assert_eq!(texts(&root, ".dl-card-steps button"), ["Précédent", "Suivant"]);
    assert_eq!(texts(&root, ".dl-close"), ["× Fermer"]);
}

fn feed_id(root: &web_sys::HtmlElement, n: u32) -> String {
    root.query_selector_all("a[data-dl-id]")
        .ok()
        .and_then(|links| links.item(n))
        .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        .and_then(|link| link.get_attribute("data-dl-id"))
        .expect("entry link")
}

/// A merged list of two feeds names each entry's feed, linked to its site.
#[wasm_bindgen_test]
fn entries_of_several_feeds_name_their_feed() {
    let rss = br#"<rss version="2.0"><channel><title>Alpha blog</title><link>https://alpha.example/</link>
        <item><title>From alpha</title><pubDate>Wed, 19 Mar 2025 10:00 GMT</pubDate></item></channel></rss>"#;
    let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Beta</title>
        <entry><title>From beta</title><id>b1</id><updated>2025-03-20T10:00:00Z</updated></entry></feed>"#;
    let read = |bytes: &[u8]| match datelines::formats::parse_any(bytes.to_vec()) {
        Ok(datelines::formats::NewsFile::Feed(parsed)) => parsed,
        other => panic!("a feed: {other:?}"),
    };
    let (alpha, beta) = (read(rss), read(atom));
    let merged = datelines::sources::merge(
        &[("https://alpha.example/feed.xml", &alpha), ("https://beta.example/atom.xml", &beta)],
        true,
    );
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let news = Loader::ready(merged);
    let _mounted = mount_to(root.clone(), move || view! { <ListView news state href_for/> });
    assert_eq!(texts(&root, "article h3"), ["From beta", "From alpha"]);
    assert_eq!(texts(&root, "article .dl-source"), ["From Beta", "From Alpha blog"]);
    let links = root.query_selector_all("article .dl-source a").expect("selector");
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    // Beta has no site of its own: its feed's address stands in.
    assert_eq!(hrefs, ["https://beta.example/atom.xml", "https://alpha.example/"]);
}

/// The feeds of several that failed are listed, each with why, and Retry calls back.
#[wasm_bindgen_test]
fn failed_feeds_are_listed_with_retry() {
    use datelines::news_list::FetchError;
    use datelines::ui::FeedErrors;
    let root = container();
    let retried = RwSignal::new(0);
    let failures = vec![
        FetchError::CrossOrigin { url: "https://other.example/feed.xml".into() },
        FetchError::TimedOut { url: "slow.xml".into() },
    ];
    let on_retry = Callback::new(move |()| retried.update(|n| *n += 1));
    let _mounted = mount_to(root.clone(), move || view! { <FeedErrors failures=failures.clone() on_retry/> });
    assert_eq!(texts(&root, ".dl-feed-errors > p"), ["2 feeds could not be loaded"]);
    let items = texts(&root, ".dl-feed-errors li");
    assert!(
        items[0].starts_with("https://other.example/feed.xml: The feed is on another site (https://other.example)"),
        "{items:?}"
    );
    assert!(items[0].contains("Access-Control-Allow-Origin"), "{items:?}");
    assert_eq!(items[1], "slow.xml: The feed did not answer within 10 seconds.");
    let button: web_sys::HtmlElement =
        root.query_selector(".dl-feed-errors button").expect("selector").expect("Retry").unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Retry"));
    button.click();
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn heading_controls_and_date_style_follow_the_look_with_the_same_news() {
    use datelines::presentation::{Controls, DateStyle, Dates, Heading, Look};
    use datelines::ui::ListOptions;
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let look = RwSignal::new(Look::default());
    let source = Source::Ready(parse_feed(THREE.as_bytes()).expect("feed"));
    let options = ListOptions { look: look.into(), ..ListOptions::default() };
    let _mounted = mount_to(root.clone(), move || view! { <NewsApp source state href_for options/> });
    assert_eq!(texts(&root, ".dl-heading"), ["News"]);
    assert_eq!(texts(&root, ".dl-date"), ["19 Mar. 2025", "24 Feb. 2025", "05 Feb. 2025"]);
    assert!(root.query_selector("#dl-month").unwrap().is_some());
    assert!(root.query_selector("#dl-search").unwrap().is_none(), "no search box by default");

    look.set(Look {
        heading: Heading::Text("Latest from the blog".into()),
        controls: Controls { search: true, ..Controls::NONE },
        dates: Dates { style: DateStyle::Long, ..Dates::default() },
        ..Look::default()
    });
    tick().await;
    assert_eq!(texts(&root, ".dl-heading"), ["Latest from the blog"]);
    assert!(root.query_selector("#dl-search").unwrap().is_some());
    assert!(root.query_selector("#dl-month").unwrap().is_none(), "the month control is gone");
    assert_eq!(texts(&root, ".dl-date")[0], "19 March 2025");

    look.set(Look {
        heading: Heading::Hidden,
        controls: Controls::NONE,
        dates: Dates { style: DateStyle::Relative, threshold_seconds: i64::MAX },
        ..Look::default()
    });
    tick().await;
    let header = root.query_selector("header").unwrap().expect("the header stays for screen readers");
    assert_eq!(header.class_name(), "dl-header dl-visually-hidden");
    assert_eq!(texts(&root, "h1"), ["News"]);
    assert!(root.query_selector(".dl-controls *").unwrap().is_none(), "no controls");
    let relative = texts(&root, ".dl-date");
    assert!(relative[0].ends_with(" days ago"), "{relative:?}");
    let first_date = root.query_selector(".dl-date").unwrap().expect("a date");
    assert_eq!(first_date.get_attribute("title").as_deref(), Some("19 March 2025"));
    assert_eq!(first_date.get_attribute("datetime").as_deref(), Some("2025-03-19"));
}

/// wasm memory now, in bytes.
fn wasm_memory() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
}

#[wasm_bindgen_test]
async fn a_list_built_again_and_again_gives_its_memory_back() {
    // 100 entries with pictures, topics and links, loaded again 40 times (a poll's news shown,
    // Refresh). Rows that kept a subscription to the view grew this by about 600 KB.
    let items: Vec<String> = (0..100)
        .map(|i| {
            format!(
                r#"{{"id":"e{i}","date":"2025-03-{:02}","title":"Entry {i}","summary":"Words {i}.","image":{{"src":"x{i}.jpg","alt":"alt {i}"}},"tags":["a","b"]}}"#,
                i % 28 + 1
            )
        })
        .collect();
    let json = format!(r#"{{"items":[{}]}}"#, items.join(","));
    let root = container();
    let state = RwSignal::new(ViewState::default());
    let href_for = Callback::new(|s: ViewState| s.to_query(""));
    let news = news(&json);
    let _mounted = mount_to(root.clone(), move || view! { <ListView news state href_for/> });
    let load = || news.list.update(|l| l.feed_loaded(parse_feed(json.as_bytes()).expect("feed")));
    // A real pause between loads, so the test runner can talk to the page.
    let pause = || {
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ =
                web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        wasm_bindgen_futures::JsFuture::from(pause)
    };
    for _ in 0..10 {
        load();
        let _ = pause().await;
    }
    let before = wasm_memory();
    for _ in 0..40 {
        load();
        let _ = pause().await;
    }
    let grown = wasm_memory() - before;
    assert_eq!(root.query_selector_all("article").unwrap().length(), 100);
    assert!(grown <= 128.0 * 1024.0, "40 loads of 100 entries grew wasm memory by {grown} bytes");
}
