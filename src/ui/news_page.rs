use super::{use_strings, DetailCard, MonthFilter, NewsEntry};
use crate::months::{filter_by_month, group_by_month, month_index, neighbours, MonthCount};
use crate::i18n::Strings;
use crate::dates::YearMonth;
use crate::model::Feed;
use crate::url_state::{MonthChoice, ViewState};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The whole news list as a reader sees it: heading, month filter, count, the entries under
/// month headings, "Back to top", and the open detail card.
#[component]
pub fn NewsPage(
    /// The news to show, already sorted newest first.
    feed: Arc<Feed>,
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
    /// For a month-sharded archive: every month with its count, from the archive's index.
    /// The feed then holds only the months fetched so far.
    #[prop(optional, into)]
    archive_months: Signal<Option<Arc<Vec<MonthCount>>>>,
    /// Asks for a month's entries (`Some`), or for the next month of the archive (`None`).
    #[prop(optional)]
    on_need: Option<Callback<Option<YearMonth>>>,
    /// True when the archive has months not fetched yet.
    #[prop(optional, into)]
    more_in_archive: Signal<bool>,
    /// How many pages of `limit` entries are open. Give one that outlives this component when
    /// the feed it shows grows (a sharded archive), so the reader keeps their place.
    #[prop(optional)]
    pages: Option<RwSignal<usize>>,
) -> impl IntoView {
    let t = use_strings();
    let local_months = Arc::new(month_index(&feed.items));
    let months = archive_months.get_untracked().unwrap_or(local_months);
    let choice = Memo::new(move |_| state.with(|s| s.month.clone()));
    let open_id = Memo::new(move |_| state.with(|s| s.item.clone()));
    let shown = {
        let feed = Arc::clone(&feed);
        Memo::new(move |_| filter_by_month(&feed.items, choice.with(MonthChoice::month)))
    };
    // Paging: how many pages of `limit` entries are open; back to one when the filter changes.
    let pages = pages.unwrap_or_else(|| RwSignal::new(1usize));
    Effect::new(move |previous: Option<MonthChoice>| {
        let current = choice.get();
        if previous.is_some_and(|p| p != current) {
            pages.set(1);
        }
        current
    });
    let visible = move || limit.get().map_or(usize::MAX, |l| l.max(1).saturating_mul(pages.get()));
    let hidden = move || {
        let local = shown.with(Vec::len).saturating_sub(visible());
        // With everything fetched shown, an archive in "All months" can still fetch older months.
        if local == 0 && more_in_archive.get() && choice.with(MonthChoice::month).is_none() { 1 } else { local }
    };
    let groups = {
        let feed = Arc::clone(&feed);
        move || {
            let visible = visible();
            shown.with(|positions| group_by_month(&feed.items, &positions[..positions.len().min(visible)]))
        }
    };
    // In an archive, counts come from the index: not every month has been fetched.
    let total = move || match archive_months.get() {
        Some(index) => match choice.with(MonthChoice::month) {
            Some(m) => index.iter().find(|c| c.month == m).map_or(0, |c| c.count),
            None => index.iter().map(|c| c.count).sum(),
        },
        None => shown.with(Vec::len),
    };
    let count = move || t.entries(total());
    if let Some(need) = on_need {
        Effect::new(move |_| {
            let month = choice.with(MonthChoice::month);
            if month.is_some() || shown.with_untracked(Vec::is_empty) {
                need.run(month);
            }
        });
    }
    let show_all = move |_| state.update(|s| s.month = MonthChoice::All);
    let open = Callback::new(move |id: String| state.update(|s| s.item = Some(id)));
    let navigate = Callback::new(move |id: Option<String>| state.update(|s| s.item = id));

    // When a card closes, focus returns to the title link of the entry it showed.
    let page = NodeRef::<html::Div>::new();
    Effect::new(move |previous: Option<Option<String>>| {
        let current = open_id.get();
        if let (None, Some(Some(closed))) = (&current, previous) {
            focus_entry(page, &closed);
        }
        current
    });

    let feed_for_more = Arc::clone(&feed);
    let card = {
        let feed = Arc::clone(&feed);
        move || {
            open_id.get().map(|id| {
                let item = feed.find(&id).cloned();
                let (before, after) = shown.with(|s| neighbours(&feed.items, s, &id));
                let link = |i: Option<usize>| i.and_then(|i| feed.items.get(i)).map(|it| (it.id.clone(), it.title.clone()));
                view! { <DetailCard item previous=link(before) next=link(after) on_navigate=navigate/> }
            })
        }
    };

    view! {
        <div class="dl-news" tabindex="-1" node_ref=page>
            <header class="dl-header">
                <h1 class="dl-heading">{feed.heading(t).to_string()}</h1>
                <p class="dl-count" aria-live="polite">{count}</p>
            </header>
            <MonthFilter months state/>
            {move || match choice.get() {
                MonthChoice::Malformed(value) => Some(view! {
                    <p class="dl-notice" role="status">
                        {Strings::fill(t.not_a_month, &[&value])}
                    </p>
                }.into_any()),
                MonthChoice::Month(month) if shown.with(Vec::is_empty) && total() == 0 => Some(view! {
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
                each=groups
                key=|group| (group.month, group.entries.len(), group.entries.first().copied())
                children=move |group| {
                    let feed = Arc::clone(&feed);
                    let heading_id = format!("dl-month-{}", group.month.key());
                    let month = choice.get_untracked();
                    view! {
                        // A plain section, not a named region: with several widgets on a page,
                        // regions named "February 2025" would repeat.
                        <section class="dl-month">
                            <h2 class="dl-month-heading" id=heading_id>{group.month.label_in(t)}</h2>
                            <ol class="dl-entries" role="list">
                                {group
                                    .entries
                                    .into_iter()
                                    .filter_map(|i| feed.items.get(i).cloned())
                                    .map(|item| {
                                        let href = href_for.run(ViewState { month: month.clone(), item: Some(item.id.clone()) });
                                        view! { <NewsEntry item href on_open=open/> }
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                }
            />
            {move || (hidden() > 0).then(|| {
                let feed = Arc::clone(&feed_for_more);
                match more_href.get() {
                Some(href) => view! { <p class="dl-more"><a class="dl-button" href=href>{t.more_news}</a></p> }.into_any(),
                None => view! {
                    <p class="dl-more">
                        <button type="button" class="dl-button" on:click=move |_| {
                            let first_new = visible();
                            if first_new >= shown.with_untracked(Vec::len) {
                                if let Some(need) = on_need {
                                    need.run(None);
                                }
                            }
                            pages.update(|p| *p += 1);
                            // Move focus to the first entry that just appeared.
                            let id = shown.with_untracked(|s| s.get(first_new).and_then(|&i| feed.items.get(i)).map(|it| it.id.clone()));
                            if let Some(id) = id {
                                request_animation_frame(move || focus_entry(page, &id));
                            }
                        }>{t.more_news}</button>
                    </p>
                }.into_any(),
            }})}
            <p class="dl-back-to-top">
                // A real link (it works without script), but handled here so it never changes
                // the address or the host page's scroll target.
                <a href="#dl-top" on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(top) = page.get_untracked() {
                        top.scroll_into_view();
                        let _ = top.focus();
                    }
                }>{t.back_to_top}</a>
            </p>
            {card}
        </div>
    }
}

/// Puts focus on the title link of entry `id`, or on the page when it is not in the list.
fn focus_entry(page: NodeRef<html::Div>, id: &str) {
    let Some(main) = page.get_untracked() else { return };
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
