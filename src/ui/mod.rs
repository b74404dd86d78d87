//! The Leptos components. They stay thin: everything they show comes from the plain modules
//! (`news_list`, `formats`, `months`, `dates`), and they only arrange it.

mod date_label;
mod detail_card;
mod list_view;
#[cfg(target_arch = "wasm32")]
pub mod location;
mod month_filter;
mod news_app;
mod news_entry;
pub mod rich_text;
pub mod source;
mod status;
mod thumbnail;

pub use date_label::{provide_date_format, reader_clock, DateFormat};
pub use detail_card::DetailCard;
pub use list_view::ListView;
pub use month_filter::{FilterSelect, MonthFilter, SelectText};
pub use news_app::{Loader, NewsApp, Source};
pub use news_entry::NewsEntry;
pub use rich_text::RichText;
pub use status::{loading_rows, ErrorCard, FeedErrors, LoadingList, SkippedNotice};
pub use thumbnail::{ImagePlaceholder, Thumbnail};

use crate::i18n::{Strings, EN};
use crate::presentation::{Controls, Layout, Look};
#[cfg(target_arch = "wasm32")]
use crate::url_state::parse_query;
use crate::url_state::ViewState;
use leptos::prelude::*;

/// The language the components speak, given as context by whoever mounts them. It can change
/// (a widget's `lang` attribute): `NewsApp` then builds its view again in the new language,
/// keeping the news it has loaded.
#[derive(Clone, Copy, Debug)]
pub struct Language(pub Signal<&'static Strings>);

impl Language {
    /// A language that never changes.
    pub fn fixed(strings: &'static Strings) -> Self {
        Language(Signal::stored(strings))
    }
}

/// The language as a signal (English when none was given). Read it in the closures that
/// should show again when it changes.
pub fn use_language() -> Signal<&'static Strings> {
    use_context::<Language>().map_or_else(|| Signal::stored(&EN), |l| l.0)
}

/// The words for the current language, read once: components are built again (inside a
/// closure that tracks [`use_language`]) when it changes.
pub fn use_strings() -> &'static Strings {
    use_context::<Language>().map_or(&EN, |l| l.0.get_untracked())
}

/// Given as context when the views are rendered to HTML for readers without script (the
/// prerendered page, `datelines-cli render`). Controls that need script are left out rather
/// than shown dead: the month control becomes in-page links to the month headings, titles link
/// to the original article (or are plain text), and there is no "More news" button.
/// It carries the list's layout: a fragment writes only what its layout shows
/// ([`crate::presentation::Layout::shows_details`]).
#[derive(Clone, Copy, Debug)]
pub struct Static(pub crate::presentation::Layout);

/// True while rendering for readers without script (see [`Static`]). That form is only ever
/// rendered natively, so in the browser this is `false` outright and the compiler leaves the
/// static form out of the wasm (about 3 KB gzipped).
pub fn is_static() -> bool {
    #[cfg(target_arch = "wasm32")]
    return false;
    #[cfg(not(target_arch = "wasm32"))]
    return use_context::<Static>().is_some();
}

/// Whether entries render their thumbnail, summary, topics and source: always in the browser
/// (where a layout hides them with CSS); in the static form, as its layout shows them.
pub fn shows_details() -> bool {
    #[cfg(target_arch = "wasm32")]
    return true;
    #[cfg(not(target_arch = "wasm32"))]
    return use_context::<Static>().is_none_or(|s| s.0.shows_details());
}

/// How a list shows: the page's settings, or a widget's attributes (which can change).
#[derive(Clone, Copy)]
pub struct ListOptions {
    /// Show at most this many entries at first, then "More news". `None` shows all.
    pub limit: Signal<Option<usize>>,
    /// When set, "More news" is a link to this full list instead of a button.
    pub more_href: Signal<Option<String>>,
    /// Its layout, heading, controls and dates.
    pub look: Signal<Look>,
    /// How often to check the feed for news, as written (`5m`; see `poll::parse_refresh`).
    pub refresh: Signal<Option<String>>,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            limit: Signal::stored(None),
            more_href: Signal::stored(None),
            look: Signal::stored(Look::default()),
            refresh: Signal::stored(None),
        }
    }
}

/// The standalone page's root: the same element in the prerendered HTML and in the live page,
/// so the live one can take the prerendered one's place without anything moving. The page
/// always offers every control (a widget the search box only when asked).
pub fn page_root(
    source: Source,
    state: RwSignal<ViewState>,
    href_for: Callback<ViewState, String>,
    theme: Option<String>,
    (limit, look, refresh): (Option<usize>, Look, Option<String>),
) -> impl IntoView {
    let layout = layout_attr(look.layout);
    let look = Look { controls: Controls::ALL, ..look };
    let options = ListOptions {
        limit: Signal::stored(limit),
        look: Signal::stored(look),
        refresh: Signal::stored(refresh),
        ..ListOptions::default()
    };
    // The prerendered page only: the app's loading rows, hidden. While a `?src=` page waits for
    // the app (index.html's first script marks it), the stylesheet shows them under the page's
    // heading in place of the bundled news, so the page shows at once and nothing moves when the
    // app, which starts with the same rows, takes over.
    // (Not in the wasm, which never renders the prerendered page: 0.3 KB of brotli.)
    #[cfg(not(target_arch = "wasm32"))]
    let waiting = is_static().then(|| {
        view! { <div class="dl-src-loading" hidden=true><LoadingList rows=loading_rows(limit)/></div> }
    });
    #[cfg(target_arch = "wasm32")]
    let waiting = ();
    view! {
        <main class="dl-root" id="dl-top" tabindex="-1" data-theme=theme data-layout=layout>
            <NewsApp source state href_for options/>
            {waiting}
        </main>
    }
}

/// The root's `data-layout`: absent for the default list.
pub fn layout_attr(layout: Layout) -> Option<&'static str> {
    (layout != Layout::List).then(|| layout.name())
}

/// Whether a widget is on screen, given as context by the widget (the standalone page is always
/// seen): a poll's news renders nothing while it is scrolled out of view.
#[derive(Clone, Copy)]
pub struct InView(pub Signal<bool>);

/// The standalone page's own title, given as context by the page (a widget never touches its
/// host's title): while new entries wait, it starts with their number.
#[derive(Clone, Debug)]
pub struct PageTitle(pub String);

/// The standalone page's `limit`: entries it renders at first and per "More news". Enough to
/// fill a screen many times over, few enough that 100,000 entries cost no more than 1,000.
pub const PAGE_LIMIT: usize = 50;

/// Sends a panic's message to the console, one line: "Datelines panicked at src/…: message". (The app
/// never means to panic; this is for the bug report.) Hand-written rather than
/// console_error_panic_hook, which also captures a JavaScript stack trace: 0.6 KB less wasm,
/// gzipped.
#[cfg(target_arch = "wasm32")]
pub fn log_panics() {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        fn error(message: &str);
    }
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| l.file()).unwrap_or_default();
        let payload = info.payload();
        let message =
            payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        error(&["Datelines panicked at ", place, ": ", message.unwrap_or_default()].concat());
    }));
}

/// Mounts the standalone page on `<body>`: the bundled news, or `?src=<url>` (once per feed).
#[cfg(target_arch = "wasm32")]
pub fn mount_page() {
    log_panics();
    let query = window().location().search().unwrap_or_default();
    let params = parse_query(&query);
    // ?theme=light|dark (anything else: follow the reader's system setting).
    let value = |key: &str| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let theme = value("theme").filter(|t| *t == "light" || *t == "dark").map(str::to_string);
    // ?layout=cards, ?dates=relative (see `crate::presentation`).
    let look = Look {
        layout: Layout::parse(value("layout")),
        dates: crate::presentation::Dates::parse(value("dates"), None),
        ..Look::default()
    };
    if let (Some(theme), Some(root)) = (&theme, document().document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
    // ?lang=fr (a language Datelines does not speak stays English).
    let strings = value("lang").and_then(Strings::for_tag).unwrap_or(&EN);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", strings.lang);
    }
    let title = format!("{} · Datelines", strings.news);
    document().set_title(&title);
    // ?refresh=5m: check the feed for news every five minutes.
    let refresh = value("refresh").map(str::to_string);
    // ?src= once per feed; several are merged into one list.
    let mut urls: Vec<String> = Vec::new();
    for (_, url) in params.into_iter().filter(|(key, _)| key == "src") {
        let url = url.trim();
        if !url.is_empty() && !urls.iter().any(|u| u == url) {
            urls.push(url.to_string());
        }
    }
    let source = if urls.is_empty() { Source::Bundled } else { Source::Urls(urls) };
    let app = move || {
        provide_context(Language::fixed(strings));
        // Effects need the executor that mounting starts, so the URL sync is set up in here.
        let state = RwSignal::new(location::initial_state());
        location::sync_with_url(state);
        // The page's title says how many new entries wait: "(3) News · Datelines".
        provide_context(PageTitle(title));
        page_root(source, state, location::href_for(), theme, (Some(PAGE_LIMIT), look, refresh))
    };
    take_over(app);
}

/// Mounts the page. When the HTML already holds the prerendered page (`<main id="dl-top">`, see
/// `crate::prerender`), the live page is built off-screen and takes its place in the same task,
/// so the reader never sees an empty or half-built frame; otherwise it is added to `<body>`.
#[cfg(target_arch = "wasm32")]
fn take_over<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    use wasm_bindgen::JsCast;
    let prerendered = document().get_element_by_id("dl-top");
    let Some(prerendered) = prerendered else {
        leptos::mount::mount_to_body(app);
        return;
    };
    let Ok(holder) = document().create_element("div") else { return };
    let holder: web_sys::HtmlElement = holder.unchecked_into();
    leptos::mount::mount_to(holder.clone(), app).forget();
    if let Some(live) = holder.first_element_child() {
        let _ = prerendered.replace_with_with_node_1(&live);
    }
}
