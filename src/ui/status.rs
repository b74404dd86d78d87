use super::use_strings;
use crate::formats::Problem;
use crate::news_list::FetchError;
use leptos::prelude::*;

/// A visible card saying why the news could not be loaded, with the address and a Retry button.
#[component]
pub fn ErrorCard(
    /// What went wrong.
    error: FetchError,
    /// Loads the news again.
    on_retry: Callback<()>,
    /// True while a retry is in flight.
    #[prop(into)]
    retrying: Signal<bool>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="dl-error" role="alert">
            <h2 class="dl-error-title">{error.headline(t)}</h2>
            <p>{error.detail(t)}</p>
            <p class="dl-error-url">{t.address} <code>{error.url().to_string()}</code></p>
            <button type="button" class="dl-button" disabled=retrying on:click=move |_| on_retry.run(())>
                {move || if retrying.get() { t.retrying } else { t.retry }}
            </button>
        </div>
    }
}

/// "2 entries were skipped", with the reasons on demand. Warnings about entries that still show
/// are listed in the same details.
#[component]
pub fn SkippedNotice(
    /// Problems found while reading the feed.
    problems: Vec<Problem>,
) -> impl IntoView {
    let t = use_strings();
    let skipped = problems.iter().filter(|p| p.skipped).count();
    let headline = match skipped {
        0 => t.notes(problems.len()),
        n => t.skipped(n),
    };
    (!problems.is_empty()).then(|| {
        view! {
            <details class="dl-skipped">
                <summary>{headline}</summary>
                <ul>
                    {problems.into_iter().map(|p| view! { <li><code>{p.path}</code>{t.colon}{p.message}</li> }).collect_view()}
                </ul>
            </details>
        }
    })
}

/// The feeds of several that could not be loaded, each with why, and Retry for them; the list
/// shows the others meanwhile.
#[component]
pub fn FeedErrors(
    /// Why each failed feed could not be loaded.
    failures: Vec<FetchError>,
    /// Fetches the failed feeds again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="dl-feed-errors" role="status">
            <p>{t.feeds_failed(failures.len())}</p>
            <ul>
                {failures
                    .into_iter()
                    .map(|e| view! { <li><code>{e.url().to_string()}</code>{t.colon}{e.detail(t)}</li> })
                    .collect_view()}
            </ul>
            <button type="button" class="dl-button" on:click=move |_| on_retry.run(())>{t.retry}</button>
        </div>
    }
}

/// How many loading rows a list of `limit` entries shows: a screenful, no more.
pub fn loading_rows(limit: Option<usize>) -> usize {
    limit.unwrap_or(4).min(6)
}

/// Grey placeholder entries shown while the news loads, so nothing jumps when it arrives.
#[component]
pub fn LoadingList(
    /// How many placeholder rows to show.
    #[prop(default = 4)]
    rows: usize,
) -> impl IntoView {
    view! {
        <div class="dl-loading" aria-busy="true">
            <p class="dl-count" role="status">{use_strings().loading}</p>
            <ol class="dl-entries" role="list" aria-hidden="true">
                {(0..rows)
                    .map(|_| view! {
                        <li class="dl-entry">
                            <div class="dl-article">
                                <div class="dl-thumb"></div>
                                <div class="dl-entry-text">
                                    <span class="dl-skeleton dl-skeleton-date"></span>
                                    <span class="dl-skeleton dl-skeleton-title"></span>
                                    <span class="dl-skeleton"></span>
                                    <span class="dl-skeleton"></span>
                                </div>
                            </div>
                        </li>
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}
