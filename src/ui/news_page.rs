use super::NewsEntry;
use crate::archive::count_label;
use crate::model::Feed;
use leptos::prelude::*;

/// The whole news list as a reader sees it: heading, count, the entries and "Back to top".
#[component]
pub fn NewsPage(
    /// The news to show, already sorted newest first.
    feed: Feed,
) -> impl IntoView {
    let count = count_label(feed.items.len());
    view! {
        <main class="dl-page" id="dl-top" tabindex="-1">
            <header class="dl-header">
                <h1 class="dl-heading">{feed.title}</h1>
                <p class="dl-count" aria-live="polite">{count}</p>
            </header>
            <ol class="dl-entries" role="list">
                {feed.items.into_iter().map(|item| view! { <NewsEntry item/> }).collect_view()}
            </ol>
            <p class="dl-back-to-top">
                <a href="#dl-top">"Back to top"</a>
            </p>
        </main>
    }
}
