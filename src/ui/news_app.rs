use super::source::{bundled, fetch_feed, FetchError};
use super::{ErrorCard, LoadingList, NewsPage, SkippedNotice};
use crate::formats::Problem;
use crate::model::Feed;
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
    let feed = RwSignal::new(None::<Arc<Feed>>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = RwSignal::new(None::<FetchError>);
    let loading = RwSignal::new(false);

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
                match fetch_feed(&url).await {
                    Ok(parsed) => {
                        for problem in &parsed.problems {
                            leptos::logging::warn!("Datelines: {url}: {problem}");
                        }
                        feed.set(Some(Arc::new(parsed.feed)));
                        problems.set(parsed.problems);
                        error.set(None);
                    }
                    Err(e) => {
                        leptos::logging::warn!("Datelines: {}: {}", e.headline(), e.detail());
                        error.set(Some(e));
                    }
                }
                loading.set(false);
            });
        }
    });
    load.run(());

    view! {
        {move || error.get().map(|e| view! { <ErrorCard error=e on_retry=load retrying=loading/> })}
        {move || {
            let shown = feed.get();
            match shown {
                Some(feed) => view! {
                    <SkippedNotice problems=problems.get()/>
                    {fetched.then(|| view! {
                        <div class="dl-toolbar">
                            <button type="button" class="dl-button dl-refresh" disabled=loading on:click=move |_| load.run(())>
                                {move || if loading.get() { "Refreshing…" } else { "Refresh" }}
                            </button>
                        </div>
                    })}
                    <NewsPage feed state href_for limit more_href/>
                }
                .into_any(),
                None if loading.get() => view! { <LoadingList rows=limit.get().unwrap_or(4).min(6)/> }.into_any(),
                None => ().into_any(),
            }
        }}
    }
}
