//! The `<datelines-news>` widget: a Datelines list inside a shadow root on someone else's page.
//!
//! `public/datelines.js` (generated at build time) defines the custom element and calls
//! [`mount_widget`] from `connectedCallback`; attribute changes arrive through
//! [`Widget::set_attribute`], and `disconnectedCallback` calls [`Widget::unmount`].
//! The widget never touches the host's URL, links or keys unless the host adds `url-state`.

use crate::i18n::{Strings, EN};
use crate::presentation::{Heading, Look};
use crate::ui::{layout_attr, location, Language, ListOptions, NewsApp, Source};
use crate::url_state::{MonthChoice, ViewState};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRootInit, ShadowRootMode};

/// The widget's own rules: isolation from the host. The page's stylesheet comes from the loader,
/// which fetches the page's file with its hash: the wasm does not carry a second copy (3.1 KB
/// gzipped).
const WIDGET_CSS: &str = include_str!("../style/widget.css");

/// The configuration a host gives through attributes.
#[derive(Clone, Copy)]
struct Config {
    src: RwSignal<Option<String>>,
    limit: RwSignal<Option<usize>>,
    more_href: RwSignal<Option<String>>,
    theme: RwSignal<Option<String>>,
    lang: RwSignal<&'static Strings>,
    state: RwSignal<ViewState>,
    /// Layout, heading, controls and dates: read again from the attributes when one changes.
    look: RwSignal<Look>,
    /// The landmark's name (several widgets on a page need distinct ones).
    label: RwSignal<Option<String>>,
    /// How often to check the feed for news (`refresh="5m"`).
    refresh: RwSignal<Option<String>>,
    /// Whether the widget is on screen ([`Widget::set_in_view`]).
    in_view: RwSignal<bool>,
    /// Whether the list has started: the mount builds the widget's root, the next task the list
    /// (two tasks, each well under 50 ms on a phone, rather than one long one).
    started: RwSignal<bool>,
}

/// The widget's language: the nearest non-empty `lang`, its own or else the host page's around
/// it, when Datelines speaks it; otherwise English (as `?lang=` on the page). The loader's
/// failure message (tools/embed-loader.mjs) follows the same rule.
fn language_of(host: &HtmlElement) -> &'static Strings {
    let tag = host.closest("[lang]:not([lang=''])").ok().flatten().and_then(|el| el.get_attribute("lang"));
    tag.and_then(|tag| Strings::for_tag(&tag)).unwrap_or(&EN)
}

/// The widget's layout, heading, controls and dates, from its attributes.
fn look_of(host: &HtmlElement) -> Look {
    Look::from_attributes(&|name| host.get_attribute(name))
}

/// `light` or `dark`; anything else (including `auto`) follows the reader's system setting.
fn theme_from(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|t| *t == "light" || *t == "dark").map(str::to_string)
}

/// One mounted widget. Dropping it (or calling `unmount`) removes everything it added.
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    config: Config,
    handle: Option<Box<dyn std::any::Any>>,
}

fn limit_from(value: Option<&str>) -> Option<usize> {
    value.and_then(|v| v.trim().parse::<usize>().ok()).filter(|n| *n > 0)
}

#[wasm_bindgen]
impl Widget {
    /// Applies a changed attribute (`None` when it was removed).
    pub fn set_attribute(&self, name: &str, value: Option<String>) {
        let c = self.config;
        match name {
            "lang" => {
                // The same rule as at mount: its own lang, else the host page's around it.
                let strings = language_of(&self.host);
                if c.lang.try_get_untracked().is_some_and(|current| !std::ptr::eq(current, strings)) {
                    c.lang.set(strings);
                }
            }
            "src" => c.src.set(value.filter(|v| !v.trim().is_empty())),
            "label" => c.label.set(value.filter(|v| !v.trim().is_empty())),
            "refresh" => c.refresh.set(value),
            "limit" => c.limit.set(limit_from(value.as_deref())),
            "more-href" => c.more_href.set(value.and_then(|v| crate::urls::safe_url(&v))),
            "theme" => c.theme.set(theme_from(value.as_deref())),
            "month" => c.state.update(|s| {
                s.month = MonthChoice::parse(value.as_deref());
                s.item = None;
            }),
            name if Look::ATTRIBUTES.contains(&name) => {
                c.look.set(look_of(&self.host));
            }
            "q" => c.state.update(|s| {
                s.q = value.unwrap_or_default();
                s.item = None;
            }),
            "tag" => c.state.update(|s| {
                s.tag = value.filter(|v| !v.trim().is_empty());
                s.item = None;
            }),
            _ => {}
        }
    }

    /// Removes the widget's content and stops all its work.
    pub fn unmount(&mut self) {
        self.handle = None;
    }

    /// Whether the widget is on screen, from the loader's `IntersectionObserver` (observed in
    /// JavaScript: the observer built in wasm cost 0.8 KB more, gzipped). A poll's
    /// news renders nothing while it is out of view.
    pub fn set_in_view(&self, seen: bool) {
        self.config.in_view.try_set(seen);
    }
}

/// Mounts a widget in `host`'s shadow root, configured from its attributes. `page_sheet` is the
/// page's stylesheet (`style/datelines.css`), constructed by the loader.
#[wasm_bindgen]
pub fn mount_widget(host: HtmlElement, page_sheet: CssStyleSheet) -> Result<Widget, JsValue> {
    crate::ui::log_panics();
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(WIDGET_CSS)?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of2(&page_sheet, &sheet));
    // The loader's placeholder goes; the app takes its place.
    shadow.set_inner_html("");
    let mount_point: HtmlElement = document().create_element("div")?.unchecked_into();
    shadow.append_child(&mount_point)?;

    let attr = |name: &str| host.get_attribute(name);
    let url_state = host.has_attribute("url-state");
    let src = attr("src").filter(|v| !v.trim().is_empty());
    let limit = limit_from(attr("limit").as_deref());
    let more_href = attr("more-href").and_then(|v| crate::urls::safe_url(&v));
    let month = attr("month");
    let q = attr("q").unwrap_or_default();
    let tag = attr("tag").filter(|v| !v.trim().is_empty());
    let theme = theme_from(attr("theme").as_deref());
    let lang = language_of(&host);
    let look = look_of(&host);
    let refresh = attr("refresh");
    let label = attr("label").filter(|l| !l.trim().is_empty());
    let config_out = std::rc::Rc::new(std::cell::Cell::new(None::<Config>));
    let config_in = config_out.clone();

    let handle = mount_to(mount_point, move || {
        let initial = if url_state {
            location::initial_state()
        } else {
            ViewState { month: MonthChoice::parse(month.as_deref()), item: None, q, tag }
        };
        let config = Config {
            src: RwSignal::new(src),
            limit: RwSignal::new(limit),
            more_href: RwSignal::new(more_href),
            theme: RwSignal::new(theme),
            look: RwSignal::new(look),
            label: RwSignal::new(label),
            refresh: RwSignal::new(refresh),
            in_view: RwSignal::new(true),
            started: RwSignal::new(false),
            lang: RwSignal::new(lang),
            state: RwSignal::new(initial),
        };
        config_in.set(Some(config));
        provide_context(Language(config.lang.into()));
        provide_context(crate::ui::InView(config.in_view.into()));
        let href_for = if url_state {
            location::sync_with_url(config.state);
            location::href_for()
        } else {
            // Links inside the widget never point the host page anywhere.
            Callback::new(|_: ViewState| "#".to_string())
        };
        let state = config.state;
        view! {
            <div
                class="dl-root dl-widget"
                part="root"
                role="region"
                // The landmark's name: the host's `label`, else its heading, else "News" (also
                // with `heading="none"`).
                aria-label=move || config.label.get().unwrap_or_else(|| match config.look.with(|l| l.heading.clone()) {
                    Heading::Text(text) => text,
                    _ => config.lang.get().news.to_string(),
                })
                lang=move || config.lang.get().lang
                data-theme=move || config.theme.get()
                data-layout=move || config.look.with(|l| layout_attr(l.layout))
            >
                {move || config.started.get().then(|| {
                    // `src`: one address, or several separated by whitespace.
                    let urls = config.src.get().map(|src| crate::sources::split_sources(&src)).unwrap_or_default();
                    let source = if urls.is_empty() { Source::Bundled } else { Source::Urls(urls) };
                    let options = ListOptions {
                        limit: config.limit.into(),
                        more_href: config.more_href.into(),
                        look: config.look.into(),
                        refresh: config.refresh.into(),
                    };
                    view! { <NewsApp source state href_for options/> }
                })}
            </div>
        }
    });
    let config = config_out.take().ok_or_else(|| JsValue::from_str("Datelines: the widget did not start"))?;
    wasm_bindgen_futures::spawn_local(async move {
        crate::ui::source::yield_to_host().await;
        config.started.try_set(true);
    });
    Ok(Widget { host, config, handle: Some(Box::new(handle)) })
}
