use super::source::{bundled, fetch_any, fetch_feed, resolve, FetchError};
use super::{use_language, ErrorCard, LoadingList, NewsPage, SkippedNotice};
use crate::months::MonthCount;
use crate::dates::YearMonth;
use crate::formats::shards::ArchiveIndex;
use crate::formats::{Loaded, Problem};
use crate::model::{Feed, NewsItem};
use std::collections::BTreeSet;
use crate::url_state::ViewState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where the news comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The file compiled into the app.
    Bundled,
    /// A Datelines JSON file or JSON Feed at this address (relative or absolute).
    Url(String),
}

/// The news list with its data: loads the source, shows loading, errors and skipped entries,
/// and keeps the last good list on screen when a refresh fails.
#[component]
pub fn NewsApp(
    /// Where to read the news from.
    source: Source,
    /// The reader's month filter and open card.
    state: RwSignal<ViewState>,
    /// Turns a view state into a link target.
    href_for: Callback<ViewState, String>,
    /// Show at most this many entries at first (see `NewsPage`).
    #[prop(optional, into)]
    limit: Signal<Option<usize>>,
    /// Where "More news" links to, if anywhere.
    #[prop(optional, into)]
    more_href: Signal<Option<String>>,
) -> impl IntoView {
    let language = use_language();
    let feed = RwSignal::new(None::<Arc<Feed>>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = RwSignal::new(None::<FetchError>);
    let loading = RwSignal::new(false);

    // A month-sharded archive: its index, and the months fetched (or being fetched) so far.
    let index = RwSignal::new(None::<(Arc<ArchiveIndex>, String)>);
    let months = Memo::new(move |_| {
        index.with(|i| {
            i.as_ref().map(|(idx, _)| Arc::new(idx.months.iter().map(|s| MonthCount { month: s.month, count: s.count }).collect::<Vec<_>>()))
        })
    });
    let requested = StoredValue::new(BTreeSet::<YearMonth>::new());
    let pages = RwSignal::new(1usize);
    let items = StoredValue::new(Vec::<NewsItem>::new());
    // Fetches one month of the archive and adds its entries to the list.
    let load_month = move |month: YearMonth| {
        let Some((idx, base)) = index.try_get_untracked().flatten() else { return };
        let Some(shard) = idx.months.iter().find(|s| s.month == month).cloned() else { return };
        if !requested.try_update_value(|r| r.insert(month)).unwrap_or(false) {
            return;
        }
        let Some(url) = resolve(&shard.src, &base) else { return };
        loading.set(true);
        spawn_local(async move {
            match fetch_feed(&url).await {
                Ok(parsed) => {
                    // The widget may have been removed while this was loading: `try_` everywhere.
                    let Some(all) = items.try_update_value(|all| {
                        all.extend(parsed.feed.items);
                        all.clone()
                    }) else {
                        return;
                    };
                    feed.set(Some(Arc::new(Feed::new(idx.title.clone(), all))));
                    problems.update(|p| p.extend(parsed.problems));
                }
                Err(e) => {
                    let _ = requested.try_update_value(|r| r.remove(&month));
                    error.set(Some(e));
                }
            }
            loading.set(false);
        });
    };
    // The view asks for a month's data (`Some`) or for more of the archive (`None`: the newest
    // month not fetched yet).
    let need = Callback::new(move |month: Option<YearMonth>| {
        let target = month.or_else(|| {
            index.try_with_untracked(|i| {
                i.as_ref().and_then(|(idx, _)| {
                    requested.try_with_value(|r| idx.months.iter().map(|s| s.month).find(|m| !r.contains(m))).flatten()
                })
            })
            .flatten()
        });
        if let Some(month) = target {
            load_month(month);
        }
    });
    let more_in_archive = Signal::derive(move || {
        let _ = feed.get();
        index.with(|i| i.as_ref().is_some_and(|(idx, _)| requested.try_with_value(|r| r.len() < idx.months.len()).unwrap_or(false)))
    });

    let fetched = matches!(source, Source::Url(_));
    let load = Callback::new(move |()| match &source {
        Source::Bundled => match bundled() {
            Ok(parsed) => {
                feed.set(Some(Arc::new(parsed.feed)));
                problems.set(parsed.problems);
            }
            // The bundled file is checked by the tests; this only guards against a bad build.
            Err(e) => error.set(Some(FetchError::Content { url: "(bundled news)".into(), error: e })),
        },
        Source::Url(url) => {
            let url = url.clone();
            loading.set(true);
            spawn_local(async move {
                match fetch_any(&url).await {
                    Ok((Loaded::Index(idx), base)) => {
                        let first = state.try_with_untracked(|s| s.month.month()).flatten().or(idx.months.first().map(|s| s.month));
                        index.set(Some((Arc::new(idx), base)));
                        error.set(None);
                        if let Some(month) = first {
                            load_month(month);
                        }
                    }
                    Ok((Loaded::Feed(parsed), _)) => {
                        for problem in &parsed.problems {
                            leptos::logging::warn!("Datelines: {url}: {problem}");
                        }
                        feed.set(Some(Arc::new(parsed.feed)));
                        problems.set(parsed.problems);
                        error.set(None);
                    }
                    Err(e) => {
                        leptos::logging::warn!("Datelines: {}: {}", e.headline(&crate::i18n::EN), e.detail(&crate::i18n::EN));
                        error.set(Some(e));
                    }
                }
                loading.set(false);
            });
        }
    });
    load.run(());

    view! {
        // Until a list is shown, the page still has its heading.
        // Every part reads `language`, so a new language shows it again, with the same news.
        {move || feed.with(Option::is_none).then(|| view! {
            <header class="dl-header"><h1 class="dl-heading">{language.get().news}</h1></header>
        })}
        {move || {
            language.track();
            error.get().map(|e| view! { <ErrorCard error=e on_retry=load retrying=loading/> })
        }}
        {move || {
            let t = language.get();
            let shown = feed.get();
            match shown {
                Some(feed) => view! {
                    <SkippedNotice problems=problems.get()/>
                    {fetched.then(|| view! {
                        <div class="dl-toolbar">
                            <button type="button" class="dl-button dl-refresh" disabled=loading on:click=move |_| load.run(())>
                                {move || if loading.get() { t.refreshing } else { t.refresh }}
                            </button>
                        </div>
                    })}
                    <NewsPage feed state href_for limit more_href archive_months=months on_need=need more_in_archive pages/>
                }
                .into_any(),
                None if loading.get() => view! { <LoadingList rows=limit.get().unwrap_or(4).min(6)/> }.into_any(),
                None => ().into_any(),
            }
        }}
    }
}
