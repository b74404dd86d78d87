use super::{use_strings, Thumbnail};
use crate::model::NewsItem;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// One entry of the list: date, thumbnail, title (a link to its detail card) and summary.
#[component]
pub fn NewsEntry(
    /// The entry to show.
    item: NewsItem,
    /// Where the title links to: the card's shareable address, or without script the original
    /// article. `None`: the title is plain text (an `<a>` without `href`).
    href: Option<String>,
    /// Opens the entry's detail card; gets the entry's id.
    on_open: Callback<String>,
) -> impl IntoView {
    let summary = (!item.summary.is_empty()).then(|| view! { <p class="dl-summary">{item.summary.clone()}</p> });
    let id = item.id.clone();
    let open = move |ev: MouseEvent| {
        // Let the browser handle "open in new tab" and friends.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        on_open.run(id.clone());
    };
    view! {
        <li class="dl-entry">
            <article class="dl-article">
                <Thumbnail image=item.image/>
                <div class="dl-entry-text">
                    {item.date.day().map(|day| view! {
                        <time class="dl-date" datetime=day.iso_date()>{day.short_label_in(use_strings())}</time>
                    })}
                    <h3 class="dl-title">
                        // Without an address (no script and no original article) this is a
                        // placeholder link: plain text, not focusable.
                        <a class="dl-title-link" href=href data-dl-id=item.id on:click=open>{item.title}</a>
                    </h3>
                    {summary}
                </div>
            </article>
        </li>
    }
}
