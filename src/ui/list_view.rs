use super::news_entry::TagLinks;
use super::{
    is_static, provide_date_format, use_strings, DetailCard, FilterSelect, ListOptions, Loader, MonthFilter, NewsEntry,
    SelectText,
};
use crate::dates::YearMonth;
use crate::i18n::Strings;
use crate::model::NewsItem;
use crate::news_list::{Filter, NewsList, TagCount};
use crate::presentation::{Heading, Look};
use crate::slices::RowBudget;
use crate::url_state::{MonthChoice, ViewState};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The whole news list as a reader sees it: heading, search, month and topic filters, count,
/// the entries under month headings, "More news", "Back to top", and the open detail card.
/// Everything it shows comes from the model's queries ([`NewsList`]).
#[component]
pub fn ListView(
    /// The news and whoever fetches more of it.
    news: Loader,
    /// The reader's filters and open card; the host mirrors it to the URL or not.
    state: RwSignal<ViewState>,
    /// Turns a view state into a link target, so links can be opened in a new tab.
    href_for: Callback<ViewState, String>,
    /// Paging, "More news" link, heading, controls, dates.
    #[prop(optional)]
    options: ListOptions,
) -> impl IntoView {
    let t = use_strings();
    let without_script = is_static();
    let list = news.list;
    let ListOptions { limit, more_href, look, .. } = options;
    // Read once: `NewsApp` builds this view again when the look changes (a host's attribute),
    // keeping the news and the reader's view. Reactive reads of it in every row and control
    // would cost more wasm than they save work.
    let Look { heading, controls, dates, .. } = look.get_untracked();
    provide_date_format(dates);
    let filter = Memo::new(move |_| state.with(Filter::of));
    let open_id = Memo::new(move |_| state.with(|s| s.item.clone()));
    // The month control's counts follow the search and topic, the topic control's the search
    // and month: Memos, so each control is built again only when its options change, never by
    // the reader's own choice or by an archive month arriving (a select built again under the
    // reader's hand would lose focus).
    let months_filter = Memo::new(move |_| state.with(|s| Filter { month: None, ..Filter::of(s) }));
    let topics_filter = Memo::new(move |_| state.with(|s| Filter { tag: None, ..Filter::of(s) }));
    let months = Memo::new(move |_| list.with(|l| months_filter.with(|f| l.months(f))));
    let tags = Memo::new(move |_| list.with(|l| l.has_tags().then(|| topics_filter.with(|f| l.tags(f)))));
    // Every row the filter and "More news" open, and of them the rows drawn so far: after each
    // load the first screenful at once, then a slice more in each later task (`RowBudget`), so
    // building the rows is never one long task on the host page. Without script, all at once.
    let open_groups = Memo::new(move |_| list.with(|l| filter.with(|f| l.groups(f, limit.get()))));
    let open_rows = move || open_groups.with(|g| g.iter().map(|g| g.entries.len()).sum::<usize>());
    let revision = Memo::new(move |_| list.with(NewsList::revision));
    // The list's budget (`Loader::rows`): a fetched feed's first rows come in slices.
    let budget = news.rows;
    let groups = Memo::new(move |_| {
        let mut groups = open_groups.get();
        budget.get().cut(&mut groups);
        groups
    });
    // Busy (`aria-busy`) while rows are still to come: assistive technology waits for the whole
    // list, and the embed loader holds the widget's space until then.
    let drawing = move || !budget.get().covers(open_rows());
    // Plain closures rather than Memos where a value is read in one place: each Memo of a new
    // type adds its own code to the wasm.
    let total = move || list.with(|l| filter.with(|f| l.total(f)));
    let shows_more = move || list.with(|l| filter.with(|f| l.shows_more(f, limit.get())));
    let searched = move || list.with(|l| filter.with(|f| l.searched_months(f)));
    // Each slice drawn hands the next one to the browser's task queue (the world outside this
    // Effect syncs with), to be drawn after the browser's turn.
    #[cfg(target_arch = "wasm32")]
    {
        Effect::new(move |_| {
            if !drawing() {
                return;
            }
            let before = budget.get();
            leptos::task::spawn_local(async move {
                super::source::yield_to_host().await;
                // One slice per turn: a run of this Effect while a slice was on its way (a key
                // press, a new load) finds the budget moved on, and leaves it.
                if budget.try_with_untracked(|b| *b == before) == Some(true) {
                    budget.try_set(before.next());
                }
            });
        });
    }
    let in_view = use_context::<super::InView>();
    let seen = move || in_view.is_none_or(|v| v.0.get());
    // The host's words, or the feed's title. `heading="none"` hides the heading and the count
    // from sight only: screen readers keep the list's heading, and hear what a search leaves.
    let header_class = if heading == Heading::Hidden { "dl-header dl-visually-hidden" } else { "dl-header" };
    let heading_text = move || match &heading {
        Heading::Text(text) => text.clone(),
        _ => list.with(|l| l.heading(t).to_string()),
    };
    let open = Callback::new(move |id: String| state.update(|s| s.item = Some(id)));
    let navigate = Callback::new(move |id: Option<String>| state.update(|s| s.item = id));
    let choose_tag = Callback::new(move |tag: String| {
        state.update(|s| {
            s.tag = Some(tag);
            s.item = None;
        })
    });

    // With a search box, the entries' text is folded for the search when the browser is idle
    // after each load, not on the reader's first key press.
    #[cfg(target_arch = "wasm32")]
    if controls.search {
        Effect::new(move |_| {
            list.track();
            request_idle_callback(move || {
                list.try_with_untracked(NewsList::prepare_search);
            });
        });
    }

    // When a card closes, focus returns to the title link of the entry it showed.
    let top = NodeRef::<html::Div>::new();
    Effect::new(move |previous: Option<Option<String>>| {
        let current = open_id.get();
        if let (None, Some(Some(closed))) = (&current, previous) {
            focus_entry(top, &closed);
        }
        current
    });

    // An archive update shown with the pending button: focus goes to its first new entry when
    // the month that holds it has been read.
    Effect::new(move |_| {
        if let Some(id) = news.arrived.get() {
            news.arrived.set(None);
            request_animation_frame(move || focus_entry(top, &id));
        }
    });

    // The open card's entry and its neighbours under the filter; a Memo, so the card is built
    // again only when these change (not when, say, another month of an archive arrives).
    let card = Memo::new(move |_| {
        open_id.get().map(|id| {
            list.with(|l| {
                let link = |it: Option<&NewsItem>| it.map(|it| (String::from(&it.id), String::from(&it.title)));
                let (before, after) = filter.with(|f| l.neighbours(f, &id));
                (l.item(&id).cloned(), link(before), link(after))
            })
        })
    });
    let more = move |_| {
        // The reader asked for these rows: all of them at once, and focus on the first.
        budget.set(RowBudget::unlimited());
        let (f, limit) = (filter.get_untracked(), limit.get_untracked());
        let first_new = list.with_untracked(|l| l.visible(&f, limit));
        news.more(&f, limit);
        // Move focus to the first entry that just appeared.
        let id = list.with_untracked(|l| l.nth(&f, first_new).map(|it| it.id.clone()));
        if let Some(id) = id {
            request_animation_frame(move || focus_entry(top, &id));
        }
    };

    view! {
        <div class="dl-news" tabindex="-1" node_ref=top aria-busy=move || drawing().then_some("true")>
            <header class=header_class part="header">
                <h1 class="dl-heading" part="heading">{heading_text}</h1>
                <p class="dl-count" aria-live="polite">{move || t.entries(total())}</p>
            </header>
            // One row of the controls the host chose: the search box and the topic control
            // (which need script, so are not in the HTML for readers without it) appear beside
            // the month control without moving the list below. Without any, the row takes no
            // space (CSS).
            <div class="dl-controls" part="controls">
                {(controls.search && !without_script).then(|| view! { <SearchBox state/> })}
                // Built again when the months change (a refreshed feed, a search), so its
                // options and the selected value are set together.
                {controls.month.then_some(move || {
                    let mut months = months.get();
                    // Without script the month control is links to the month headings: only to
                    // the months that are on this page (a limit or a month filter leaves others
                    // out).
                    if without_script {
                        groups.with(|groups| months.retain(|m| groups.iter().any(|g| g.month == m.month)));
                    }
                    view! { <MonthFilter months=Arc::new(months) state/> }
                })}
                {move || tags.get().filter(|_| !without_script && controls.topic).map(|tags| topic_filter(tags, state))}
            </div>
            {move || searched().map(|(read, all)| view! {
                <div class="dl-notice dl-partial" role="status">
                    <p>{Strings::fill(t.searching_months, &[&t.number(read), &t.number(all)])}</p>
                    {action(t.search_all_months, Callback::new(move |()| news.load_all_months()))}
                </div>
            })}
            // News a poll brought waits behind a button laid over the top of the list, so
            // nothing under it moves; after failed polls, the notice takes that place.
            <div class="dl-pending">
                // Out of view, nothing renders until the widget is seen.
                {move || seen().then(|| news.pending.with(|p| p.as_ref().map(|p| p.new))).flatten().map(|new| {
                    let label = if new > 0 { t.new_entries(new) } else { t.show_updates.to_string() };
                    let show = move |_| {
                        if let Some(id) = news.show_pending() {
                            request_animation_frame(move || focus_entry(top, &id));
                        }
                    };
                    view! { <button type="button" class="dl-button dl-pending-button" on:click=show>{label}</button> }
                })}
                {move || news.stale_since.get().map(|since| {
                    let now = crate::ui::reader_clock().unix_seconds;
                    view! {
                        <p class="dl-stale" role="status">
                            {Strings::fill(t.stale, &[&t.ago(now - since)])} " "
                            {action(t.retry, Callback::new(move |()| news.poll_again()))}
                        </p>
                    }
                })}
            </div>
            {move || empty_state(list, state, filter)}
            // The rows are built under an owner of their own for each load of the feed. Leptos's
            // `For` keeps a weak link to every row's owner in the owner it was made under, until
            // that owner is cleaned up: under the list's own owner, each refreshed list (a poll's
            // news shown, Refresh) would leave about 75 bytes a row behind in wasm memory.
            //
            // The rows' links follow the view (month, search, topic) through a Memo of this
            // load's own, not `state` itself: every row's link would otherwise stay subscribed to
            // `state` after its row is gone, until the view next changes (about 150 bytes a row
            // per refreshed list).
            {move || {
                // Read, not only tracked: a Memo is computed when read, and one first read
                // later, by a key, would run this closure again and build every row twice.
                revision.get();
                // Without the open card: every link sets its own, so opening or closing a card
                // changes none of the rows' links.
                let view = Memo::new(move |_| state.with(|s| ViewState { item: None, ..s.clone() }));
                let query = Memo::new(move |_| state.with(ViewState::query));
                // Each run of this closure (a new `revision`: a refreshed feed, whose entry may
                // be corrected under the same id) is a build of its own, and so is each new
                // `ListView` (a new look, over the same list): the build in the groups' keys makes
                // `For` build every row afresh rather than keep rows with old text or whose
                // owners are gone.
                static BUILDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                let build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let tag_href =
                    Callback::new(move |tag: String| href_for.run(ViewState { tag: Some(tag), item: None, ..view.get() }));
                view! {
            // Month groups keyed by month, and in each the rows keyed by entry: a key press in
            // the search keeps the rows still shown (their marks follow the search) and only
            // adds or removes the rows that change. The groups' keys are strings, as the rows'
            // are: one copy of the keyed list's set code serves both (0.2 KB gzip, 0.5 brotli).
            <For
                each=move || groups.with(|groups| groups.iter().map(|g| g.month).collect::<Vec<_>>())
                key=move |month| format!("{}/{build}", month.key())
                children=move |month| {
                    let heading_id = format!("dl-month-{}", month.key());
                    // This month's entries under the filter: positions, keyed by id. Within one
                    // load a position can shift (an archive's month arriving before it), an id
                    // cannot.
                    let entries = Memo::new(move |_| list.with(|l| groups.with(|groups| {
                        let group = groups.iter().find(|g| g.month == month);
                        let items = group.map(|g| g.entries.as_slice()).unwrap_or_default();
                        items.iter().filter_map(|&i| l.items().get(i).map(|it| (i, String::from(&it.id)))).collect::<Vec<_>>()
                    })));
                    view! {
                        // A plain section, not a named region: with several widgets on a page,
                        // regions named "February 2025" would repeat.
                        <section class="dl-month">
                            <h2 class="dl-month-heading" part="month-heading" id=heading_id>{month.label_in(t)}</h2>
                            <ol class="dl-entries" role="list">
                                <For
                                    each=move || entries.get()
                                    key=|(_, id)| id.clone()
                                    children=move |(i, _)| {
                                        let item = list.with_untracked(|l| l.items().get(i).cloned())?;
                                        // The card's address follows the view (month, search,
                                        // topic), so a row kept across views links right.
                                        let href = if without_script {
                                            Signal::stored(item.url.as_ref().map(String::from))
                                        } else {
                                            let id = String::from(&item.id);
                                            Signal::derive(move || Some(href_for.run(ViewState { item: Some(id.clone()), ..view.get() })))
                                        };
                                        let topics = TagLinks { href: tag_href, choose: choose_tag };
                                        Some(view! { <NewsEntry item href on_open=open query topics/> })
                                    }
                                />
                            </ol>
                        </section>
                    }
                }
            />
                }
            }}
            // "More news" and "Back to top" wait for the last slice of rows: rows added above
            // them would move them, a layout shift the reader sees.
            {move || (!drawing() && shows_more() && (!without_script || more_href.with(Option::is_some))).then(|| match more_href.get() {
                Some(href) => view! { <p class="dl-more"><a class="dl-button" href=href>{t.more_news}</a></p> }.into_any(),
                None => view! {
                    <p class="dl-more">
                        <button type="button" class="dl-button" on:click=more>{t.more_news}</button>
                    </p>
                }.into_any(),
            })}
            {move || (!drawing()).then(|| view! {
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
            })}
            {move || card.get().map(|(item, previous, next)| view! {
                <DetailCard item previous next on_navigate=navigate/>
            })}
        </div>
    }
}

/// What shows when the filters leave nothing: a notice for a malformed month, or "No news
/// matches …" with a way out of each filter. While an archive's months are not all read, a
/// search never claims "no match" (the partial-search notice says what was searched).
fn empty_state(list: RwSignal<NewsList>, state: RwSignal<ViewState>, filter: Memo<Filter>) -> Option<AnyView> {
    let t = use_strings();
    let view_state = state.get();
    if let MonthChoice::Malformed(value) = &view_state.month {
        return Some(
            view! { <p class="dl-notice" role="status">{Strings::fill(t.not_a_month, &[value])}</p> }.into_any(),
        );
    }
    if !filter.with(|f| list.with(|l| l.is_empty(f) && l.searched_months(f).is_none())) {
        return None;
    }
    let month = view_state.month.month();
    let q = view_state.q.trim().to_string();
    let message = match (&q, &view_state.tag, month) {
        (q, _, Some(m)) if !q.is_empty() => Strings::fill(t.no_match_in, &[q, &m.label_in(t)]),
        (q, _, None) if !q.is_empty() => Strings::fill(t.no_match, &[q]),
        (_, Some(tag), _) => Strings::fill(t.no_topic_match, &[tag]),
        (_, None, Some(m)) if m == YearMonth::UNDATED => t.no_undated.to_string(),
        (_, None, Some(m)) => Strings::fill(t.no_entries_for, &[&m.label_in(t)]),
        (_, None, None) => return None,
    };
    let clear_search = Callback::new(move |()| state.update(|s| s.q.clear()));
    let all_topics = Callback::new(move |()| state.update(|s| s.tag = None));
    let all_months = Callback::new(move |()| state.update(|s| s.month = MonthChoice::All));
    Some(
        view! {
            <div class="dl-empty" role="status">
                <p>{message}</p>
                {(!q.is_empty()).then(|| action(t.clear_search, clear_search))}
                {view_state.tag.is_some().then(|| action(t.show_all_topics, all_topics))}
                {month.is_some().then(|| action(t.show_all_months, all_months))}
            </div>
        }
        .into_any(),
    )
}

/// A button that runs `run`: one view for every such button (each distinct view is compiled
/// into the wasm on its own).
fn action(label: &'static str, run: Callback<()>) -> impl IntoView {
    view! { <button type="button" class="dl-button" on:click=move |_| run.run(())>{label}</button> }
}

/// The search box: the list follows as the reader types (the first search folds every entry's
/// text once, see [`NewsList`]; later letters only compare).
#[component]
fn SearchBox(state: RwSignal<ViewState>) -> impl IntoView {
    let t = use_strings();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.update(|s| {
            s.q = value;
            s.item = None;
        });
    };
    view! {
        // A landmark without a <form>: there is nothing to submit (the list follows the typing).
        <div class="dl-search-form" role="search">
            <label class="dl-filter-label" for="dl-search">{t.search}</label>
            <input
                type="search"
                id="dl-search"
                class="dl-search"
                autocomplete="off"
                prop:value=move || state.with(|s| s.q.clone())
                on:input=on_input
            />
        </div>
    }
}

/// The "Topic" control: every tag of the loaded entries with its count, most used first.
fn topic_filter(tags: Vec<TagCount>, state: RwSignal<ViewState>) -> impl IntoView {
    let t = use_strings();
    // The option the chosen topic is, however the URL or a link spelled it ("defense").
    let names: Vec<String> = tags.iter().map(|c| c.tag.clone()).collect();
    let options = tags.into_iter().map(|c| {
        let label = format!("{} ({})", c.tag, t.number(c.count));
        (c.tag, label)
    });
    let on_pick = Callback::new(move |value: String| {
        state.update(|s| {
            s.tag = (!value.is_empty()).then_some(value);
            s.item = None;
        });
    });
    let selected = Signal::derive(move || {
        let chosen = state.with(|s| s.tag.clone().unwrap_or_default());
        names.iter().find(|name| crate::search::same_tag(name, &chosen)).cloned().unwrap_or(chosen)
    });
    // A topic no entry under the search and month has: "nuclear (0)".
    let missing = Callback::new(move |tag: String| format!("{tag} ({})", t.number(0)));
    let text = SelectText { id: "dl-topic", label: t.topic, all: t.all_topics };
    view! { <FilterSelect text options=options.collect() selected on_pick missing/> }
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
