use super::{is_static, use_strings, DetailCard, Loader, MonthFilter, NewsEntry};
use crate::dates::YearMonth;
use crate::i18n::Strings;
use crate::model::NewsItem;
use crate::news_list::NewsList;
use crate::url_state::{MonthChoice, ViewState};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The whole news list as a reader sees it: heading, month filter, count, the entries under
/// month headings, "More news", "Back to top", and the open detail card. Everything it shows
/// comes from the model's queries ([`NewsList`]).
#[component]
pub fn ListView(
    /// The news and whoever fetches more of it.
    news: Loader,
    /// The reader's month filter and open card; the host mirrors it to the URL or not.
    state: RwSignal<ViewState>,
    /// Turns a view state into a link target, so links can be opened in a new tab.
    href_for: Callback<ViewState, String>,
    /// Show at most this many entries at first, then a "More news" button. `None` shows all.
    #[prop(optional, into)]
    limit: Signal<Option<usize>>,
    /// When set, "More news" is a link to this full list instead of a button.
    #[prop(optional, into)]
    more_href: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_strings();
    let without_script = is_static();
    let list = news.list;
    let choice = Memo::new(move |_| state.with(|s| s.month.clone()));
    let month = Memo::new(move |_| choice.with(MonthChoice::month));
    let open_id = Memo::new(move |_| state.with(|s| s.item.clone()));
    let months = Memo::new(move |_| list.with(NewsList::months));
    let groups = Memo::new(move |_| list.with(|l| l.groups(month.get(), limit.get())));
    let total = Memo::new(move |_| list.with(|l| l.total(month.get())));
    let shows_more = Memo::new(move |_| list.with(|l| l.shows_more(month.get(), limit.get())));
    let revision = Memo::new(move |_| list.with(NewsList::revision));
    let show_all = move |_| state.update(|s| s.month = MonthChoice::All);
    let open = Callback::new(move |id: String| state.update(|s| s.item = Some(id)));
    let navigate = Callback::new(move |id: Option<String>| state.update(|s| s.item = id));

    // When a card closes, focus returns to the title link of the entry it showed.
    let top = NodeRef::<html::Div>::new();
    Effect::new(move |previous: Option<Option<String>>| {
        let current = open_id.get();
        if let (None, Some(Some(closed))) = (&current, previous) {
            focus_entry(top, &closed);
        }
        current
    });

    // The open card's entry and its neighbours under the filter; a Memo, so the card is built
    // again only when these change (not when, say, another month of an archive arrives).
    let card = Memo::new(move |_| {
        open_id.get().map(|id| {
            list.with(|l| {
                let link = |it: Option<&NewsItem>| it.map(|it| (it.id.clone(), it.title.clone()));
                let (before, after) = l.neighbours(month.get(), &id);
                (l.item(&id).cloned(), link(before), link(after))
            })
        })
    });
    let more = move |_| {
        let (m, limit) = (month.get_untracked(), limit.get_untracked());
        let first_new = list.with_untracked(|l| l.visible(m, limit));
        news.more(m, limit);
        // Move focus to the first entry that just appeared.
        let id = list.with_untracked(|l| l.nth(m, first_new).map(|it| it.id.clone()));
        if let Some(id) = id {
            request_animation_frame(move || focus_entry(top, &id));
        }
    };

    view! {
        <div class="dl-news" tabindex="-1" node_ref=top>
            <header class="dl-header">
                <h1 class="dl-heading">{move || list.with(|l| l.heading(t).to_string())}</h1>
                <p class="dl-count" aria-live="polite">{move || t.entries(total.get())}</p>
            </header>
            // Built again when the months change (a refreshed feed), so its options and the
            // selected value are set together.
            {move || {
                let mut months = months.get();
                // Without script the month control is links to the month headings: only to the
                // months that are on this page (a limit or a month filter leaves others out).
                if without_script {
                    groups.with(|groups| months.retain(|m| groups.iter().any(|g| g.month == m.month)));
                }
                view! { <MonthFilter months=Arc::new(months) state/> }
            }}
            {move || match choice.get() {
                MonthChoice::Malformed(value) => Some(view! {
                    <p class="dl-notice" role="status">
                        {Strings::fill(t.not_a_month, &[&value])}
                    </p>
                }.into_any()),
                MonthChoice::Month(month) if list.with(|l| l.is_empty_month(month)) => Some(view! {
                    <div class="dl-empty" role="status">
                        <p>{if month == YearMonth::UNDATED {
                            t.no_undated.to_string()
                        } else {
                            Strings::fill(t.no_entries_for, &[&month.label_in(t)])
                        }}</p>
                        <button type="button" class="dl-button" on:click=show_all>{t.show_all_months}</button>
                    </div>
                }.into_any()),
                _ => None,
            }}
            <For
                // `revision` too: a refreshed feed whose groups look the same (same months and
                // positions, other entries) must still reach `<For/>` and build its rows again.
                each=move || {
                    revision.track();
                    groups.get()
                }
                // A group is the same while its month, length and first entry are, within one
                // load of the feed (`revision`): a refreshed feed builds every group again.
                key=move |group| {
                    let first = list.with_untracked(|l| group.entries.first().and_then(|&i| l.items().get(i)).map(|it| it.id.clone()));
                    (group.month, group.entries.len(), first, revision.get_untracked())
                }
                children=move |group| {
                    let heading_id = format!("dl-month-{}", group.month.key());
                    let month = choice.get_untracked();
                    let items: Vec<NewsItem> = list.with_untracked(|l| group.entries.iter().filter_map(|&i| l.items().get(i).cloned()).collect());
                    view! {
                        // A plain section, not a named region: with several widgets on a page,
                        // regions named "February 2025" would repeat.
                        <section class="dl-month">
                            <h2 class="dl-month-heading" id=heading_id>{group.month.label_in(t)}</h2>
                            <ol class="dl-entries" role="list">
                                {items
                                    .into_iter()
                                    .map(|item| {
                                        let href = if without_script {
                                            item.url.clone()
                                        } else {
                                            Some(href_for.run(ViewState { month: month.clone(), item: Some(item.id.clone()) }))
                                        };
                                        view! { <NewsEntry item href on_open=open/> }
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                }
            />
            {move || (shows_more.get() && (!without_script || more_href.with(Option::is_some))).then(|| match more_href.get() {
                Some(href) => view! { <p class="dl-more"><a class="dl-button" href=href>{t.more_news}</a></p> }.into_any(),
                None => view! {
                    <p class="dl-more">
                        <button type="button" class="dl-button" on:click=more>{t.more_news}</button>
                    </p>
                }.into_any(),
            })}
            <p class="dl-back-to-top">
                // A real link (it works without script), but handled here so it never changes
                // the address or the host page's scroll target.
                <a href="#dl-top" on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(top) = top.get_untracked() {
                        top.scroll_into_view();
                        let _ = top.focus();
                    }
                }>{t.back_to_top}</a>
            </p>
            {move || card.get().map(|(item, previous, next)| view! {
                <DetailCard item previous next on_navigate=navigate/>
            })}
        </div>
    }
}

/// Puts focus on the title link of entry `id`, or on the page when it is not in the list.
fn focus_entry(top: NodeRef<html::Div>, id: &str) {
    // The list may be gone by the time this runs (a frame later): then there is nothing to do.
    let Some(main) = top.try_get_untracked().flatten() else { return };
    // While a modal dialog is open the rest of the page is inert and cannot take focus, and
    // this may run before the card's element is removed: close it first.
    if let Ok(Some(dialog)) = main.query_selector("dialog[open]") {
        if let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() {
            dialog.close();
        }
    }
    let links = main.query_selector_all("a[data-dl-id]").ok();
    let target = links.and_then(|links| {
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|link| link.get_attribute("data-dl-id").as_deref() == Some(id))
    });
    let _ = match target {
        Some(link) => link.focus(),
        None => main.focus(),
    };
}
