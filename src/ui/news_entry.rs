use super::Thumbnail;
use crate::model::NewsItem;
use leptos::prelude::*;

/// One entry of the list: date, thumbnail, title and summary.
#[component]
pub fn NewsEntry(
    /// The entry to show.
    item: NewsItem,
) -> impl IntoView {
    let summary = (!item.summary.is_empty()).then(|| view! { <p class="dl-summary">{item.summary.clone()}</p> });
    view! {
        <li class="dl-entry">
            <article class="dl-article">
                <Thumbnail image=item.image/>
                <div class="dl-entry-text">
                    <time class="dl-date" datetime=item.date.iso_date()>{item.date.short_label()}</time>
                    <h2 class="dl-title">{item.title}</h2>
                    {summary}
                </div>
            </article>
        </li>
    }
}
