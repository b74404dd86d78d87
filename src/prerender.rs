//! The news as HTML, rendered natively by the same components the browser runs (Leptos with
//! `ssr`): one component tree, two outputs. It gives the prerendered standalone page (written
//! into `dist/index.html` by `tools/prerender.mjs` at build time) and `datelines-cli render`.
//!
//! The HTML is for readers without script, crawlers and feed previews: the components render
//! in their [`Static`] form (month control as in-page links, titles linking to the original
//! article, no controls that need script). Text goes through Leptos's escaping; feed HTML is
//! never part of the list (only the detail card shows it, through the sanitizer).

use crate::dates::YearMonth;
use crate::formats::Parsed;
use crate::i18n::Strings;
use crate::model::NewsItem;
use crate::news_list::NewsList;
use crate::presentation::{Layout, Look};
use crate::structured_data;
use crate::ui::{layout_attr, page_root, Language, ListOptions, NewsApp, Source, Static};
use crate::url_state::{MonthChoice, ViewState};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The interface language (dates, month names, words).
    pub lang: &'static Strings,
    /// Only this month's entries; `None` for all.
    pub month: Option<YearMonth>,
    /// At most this many entries; `None` for all.
    pub limit: Option<usize>,
    /// The fragment's layout, heading, controls (without script, only the month links can
    /// show) and date style (relative dates need script: they show as short dates). The page
    /// is always the default look.
    pub look: Look,
}

impl RenderOptions {
    /// Everything in `lang`, as the page shows it.
    pub fn new(lang: &'static Strings) -> Self {
        RenderOptions { lang, month: None, limit: None, look: Look::default() }
    }
}

/// Renders `view` in the given language, in the static form, with a reactive owner of its own.
fn render<V: RenderHtml + 'static>(lang: &'static Strings, layout: Layout, view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(Language::fixed(lang));
        provide_context(Static(layout));
        view().to_html()
    });
    owner.unset();
    html
}

fn state(options: &RenderOptions) -> RwSignal<ViewState> {
    let month = options.month.map_or(MonthChoice::All, MonthChoice::Month);
    RwSignal::new(ViewState { month, ..ViewState::default() })
}

/// Links in the static HTML never point at a card (there is no script to open one).
fn no_card() -> Callback<ViewState, String> {
    Callback::new(|_| String::new())
}

/// The standalone page's `<main>`, as the live page builds it (see [`page_root`]).
pub fn page_main(source: Source, options: RenderOptions) -> String {
    render(options.lang, Layout::default(), move || {
        let state = state(&options);
        page_root(source, state, no_card(), None, (options.limit, Look::default(), None))
    })
}

/// The list alone, in a `<div class="dl-root">` with its language: for a `<datelines-news>`
/// element's no-script fallback, or any page of the site owner's.
pub fn fragment(parsed: Parsed, options: RenderOptions) -> String {
    let lang = options.lang;
    render(lang, options.look.layout, move || {
        let state = state(&options);
        let layout = layout_attr(options.look.layout);
        let list_options = ListOptions {
            limit: Signal::stored(options.limit),
            look: Signal::stored(options.look),
            ..ListOptions::default()
        };
        view! {
            // `id="dl-top"`: the target of the list's "Back to top" link.
            <div class="dl-root" id="dl-top" lang=lang.lang data-layout=layout>
                <NewsApp source=Source::Ready(parsed) state href_for=no_card() options=list_options/>
            </div>
        }
    })
}

/// A whole HTML page with the list, its schema.org JSON-LD and the stylesheet `css` inline
/// (one self-contained file). `page_url`, when given, makes relative links in the JSON-LD
/// absolute.
pub fn page_document(parsed: Parsed, options: RenderOptions, css: &str, page_url: Option<&str>) -> String {
    // The JSON-LD lists exactly the entries the HTML shows: the list's own model decides.
    let mut list = NewsList::new();
    list.feed_loaded(parsed.clone());
    let heading = list.heading(options.lang).to_string();
    let shown: Vec<NewsItem> = list
        .groups(&crate::news_list::Filter::month(options.month), options.limit)
        .iter()
        .flat_map(|group| group.entries.iter().filter_map(|&i| list.items().get(i).cloned()))
        .collect();
    let json_ld = structured_data::script_block(&structured_data::json_ld(&heading, &shown, page_url));
    let lang = options.lang.lang;
    let main = page_main(Source::Ready(parsed), options);
    let title = escape_text(&format!("{heading} · Datelines"));
    // No `</` can end the style element early, whatever the case of the tag name (in CSS,
    // `\/` is the same `/`).
    let css = css.replace("</", "<\\/");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
         <style>\n{css}</style>\n{json_ld}\n</head>\n<body>\n{main}\n</body>\n</html>\n",
    )
}

/// Escapes text for an HTML text node.
fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_feed;
    use crate::i18n::{EN, FR};
    use crate::presentation::{Controls, DateStyle, Dates, Heading, Layout};

    fn all() -> RenderOptions {
        RenderOptions::new(&EN)
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn the_bundled_page_has_every_entry_with_date_title_summary_and_image() {
        let html = page_main(Source::Bundled, RenderOptions { limit: Some(crate::ui::PAGE_LIMIT), ..all() });
        assert!(html.starts_with("<main id=\"dl-top\" tabindex=\"-1\" class=\"dl-root\">"), "{}", &html[..80]);
        assert_eq!(count(&html, "<article"), 10);
        assert_eq!(
            count(&html, "<time part=\"date\" datetime=\"2025-03-19\" class=\"dl-date\">19 Mar. 2025</time>"),
            1
        );
        assert!(html.contains("The Republic of Korea joins NATO Science &amp; Technology Organization"));
        assert!(html.contains("alt=\"NATO + nation flag on black\""));
        assert!(html.contains("<p aria-live=\"polite\" class=\"dl-count\">10 entries</p>"));
        assert!(html
            .contains("<h2 part=\"month-heading\" id=\"dl-month-2025-03\" class=\"dl-month-heading\">March 2025</h2>"));
        assert!(html.contains("<a href=\"#dl-top\">Back to top</a>"));
    }

    #[test]
    fn the_page_holds_the_apps_loading_rows_hidden_after_its_news() {
        // Shown by the stylesheet while a `?src=` page waits for the app: the same rows the app
        // starts with (six for the page's limit), in the page's language.
        let html = page_main(Source::Bundled, RenderOptions { limit: Some(crate::ui::PAGE_LIMIT), ..all() });
        let at = html.find("<div hidden class=\"dl-src-loading\">").expect("the loading rows");
        assert!(html.find("<article").is_some_and(|first| first < at), "after the news");
        let waiting = &html[at..];
        assert!(waiting.contains("aria-busy=\"true\""));
        assert!(waiting.contains(&format!(">{}</p>", EN.loading)));
        assert_eq!(count(waiting, "<li class=\"dl-entry\">"), crate::ui::loading_rows(Some(crate::ui::PAGE_LIMIT)));
        assert_eq!(crate::ui::loading_rows(Some(crate::ui::PAGE_LIMIT)), 6);
        let french = page_main(Source::Bundled, RenderOptions::new(&FR));
        assert!(french.contains(&format!(">{}</p>", FR.loading)));
    }

    #[test]
    fn without_script_the_month_control_is_links_and_nothing_needs_script() {
        let html = page_main(Source::Bundled, all());
        assert!(html.contains("<a href=\"#dl-month-2025-03\">March 2025 (1)</a>"), "{html}");
        assert!(html.contains("<a href=\"#dl-month-2025-02\">February 2025 (9)</a>"));
        for dead in ["<select", "<button", "<dialog", "dl-refresh", "href=\"?item="] {
            assert!(!html.contains(dead), "{dead} in the static HTML");
        }
    }

    #[test]
    fn titles_link_to_the_article_or_are_text_and_the_limit_holds() {
        let json = r#"{"items":[
            {"date":"2025-03-19","title":"Linked","url":"https://example.org/a"},
            {"date":"2025-03-18","title":"Plain"},
            {"date":"2025-03-17","title":"Third"}]}"#;
        let html = fragment(parse_feed(json.as_bytes()).expect("feed"), RenderOptions { limit: Some(2), ..all() });
        assert!(
            html.contains(
                "<a href=\"https://example.org/a\" data-dl-id=\"2025-03-19-linked\" class=\"dl-title-link\">Linked</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a data-dl-id=\"2025-03-18-plain\" class=\"dl-title-link\">Plain</a>"),
            "a placeholder link, no href"
        );
        assert!(!html.contains("Third"), "the limit leaves it out");
        assert!(html.contains("3 entries"), "the count is the whole list's");
    }

    #[test]
    fn french_month_filter_and_an_explicit_title() {
        let json = r#"{"title":"Nouvelles","items":[{"date":"2025-02-05","title":"Un"},{"date":"2025-03-01","title":"Deux"}]}"#;
        let parsed = parse_feed(json.as_bytes()).expect("feed");
        let html = page_document(
            parsed,
            RenderOptions { month: YearMonth::parse("2025-02"), ..RenderOptions::new(&FR) },
            "",
            None,
        );
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains("<title>Nouvelles · Datelines</title>"));
        assert!(html.contains(">Nouvelles</h1>"));
        assert!(html.contains("5 février 2025"));
        assert!(!html.contains(">Deux<"), "March is filtered out");
        assert!(html.contains("<a href=\"#dl-month-2025-02\">"), "a link to the month shown");
        assert!(!html.contains("#dl-month-2025-03"), "no link to a heading that is not on the page");
        assert!(html.contains("\"headline\":\"Un\""), "JSON-LD lists what is shown");
        assert!(!html.contains("\"headline\":\"Deux\""));
    }

    #[test]
    fn a_fragment_takes_the_hosts_layout_heading_controls_and_date_style() {
        let json = r#"{"title":"Feed","items":[{"date":"2025-03-19T10:00:00+01:00","title":"One","image":{"src":"a.jpg","alt":"A"}}]}"#;
        let parsed = || parse_feed(json.as_bytes()).expect("feed");
        let html = fragment(
            parsed(),
            RenderOptions {
                look: Look {
                    layout: Layout::Cards,
                    heading: Heading::Text("Latest from the blog".into()),
                    controls: Controls::NONE,
                    dates: Dates { style: DateStyle::Long, ..Dates::default() },
                },
                ..all()
            },
        );
        assert!(html.starts_with("<div id=\"dl-top\" lang=\"en\" data-layout=\"cards\" class=\"dl-root\">"), "{html}");
        assert!(html.contains(">Latest from the blog</h1>") && !html.contains(">Feed</h1>"));
        assert!(!html.contains("dl-month-links") && !html.contains("dl-filter"), "no controls");
        assert!(
            html.contains("datetime=\"2025-03-19T10:00:00+01:00\" class=\"dl-date\">19 March 2025</time>"),
            "{html}"
        );

        let hidden =
            fragment(parsed(), RenderOptions { look: Look { heading: Heading::Hidden, ..Look::default() }, ..all() });
        assert!(hidden.contains("<header part=\"header\" class=\"dl-header dl-visually-hidden\">"), "{hidden}");
        assert!(!hidden.contains("data-layout"), "the default layout is the list");
        assert!(
            hidden.contains(">Feed</h1><p aria-live=\"polite\" class=\"dl-count\">1 entry</p></header>"),
            "heard, not seen"
        );
        assert!(hidden.contains("dl-month-links"), "the default controls");

        // Relative dates need script: without it the short date shows.
        let relative = fragment(
            parsed(),
            RenderOptions { look: Look { dates: Dates::parse(Some("relative"), None), ..Look::default() }, ..all() },
        );
        assert!(relative.contains(">19 Mar. 2025</time>") && !relative.contains("title="), "{relative}");
    }

    #[test]
    fn a_headlines_fragment_writes_only_what_its_layout_shows() {
        let json = r#"{"title":"Feed","items":[{"date":"2025-03-19","title":"One","summary":"The summary",
            "tags":["Topic"],"image":{"src":"a.jpg","alt":"A picture"}}]}"#;
        let look = |layout| RenderOptions { look: Look { layout, ..Look::default() }, ..all() };
        let headlines = fragment(parse_feed(json.as_bytes()).expect("feed"), look(Layout::Headlines));
        assert!(headlines.contains(">One</a>") && headlines.contains("dl-date"), "date and title: {headlines}");
        for absent in ["<img", "a.jpg", "dl-thumb", "The summary", "dl-tags", "Topic</li>"] {
            assert!(!headlines.contains(absent), "{absent} in {headlines}");
        }
        assert!(headlines.contains("dl-article dl-text-only"), "no image space: {headlines}");
        // Every other layout shows the details (the live list hides them with CSS alone).
        for layout in [Layout::List, Layout::Compact, Layout::Cards] {
            let html = fragment(parse_feed(json.as_bytes()).expect("feed"), look(layout));
            for present in ["<img", "The summary", "Topic</li>"] {
                assert!(html.contains(present), "{layout:?}: {present} missing in {html}");
            }
        }
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let json = r#"{"title":"<b>T</b>","items":[{"date":"2025-02-05","title":"<script>alert(1)</script>",
            "summary":"<img src=x onerror=alert(1)>","image":{"src":"a.jpg\" onerror=\"alert(1)","alt":"\"><script>"}}]}"#;
        let html = page_document(parse_feed(json.as_bytes()).expect("feed"), all(), "", None);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("<b>T</b>"));
        assert!(!html.contains("\" onerror=\""));
    }
}
