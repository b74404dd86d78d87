use super::date_label::date_label;
#[cfg(not(target_arch = "wasm32"))]
use super::is_static;
use super::{shows_details, use_strings, Thumbnail};
use crate::model::NewsItem;
use crate::search::{segments, Query};
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// What a topic link on an entry does: its address, and choosing the topic.
#[derive(Clone, Copy)]
pub struct TagLinks {
    pub href: Callback<String, String>,
    pub choose: Callback<String>,
}

/// `text` with the search's matches in `<mark>`, as text nodes (never HTML from the feed).
fn marked(text: &str, query: &Query) -> impl IntoView {
    use leptos::either::Either;
    if query.is_empty() {
        return Either::Left(text.to_string());
    }
    Either::Right(
        segments(text, &query.highlights(text))
            .into_iter()
            .map(|(mark, part)| match mark {
                true => Either::Left(view! { <mark>{part.to_string()}</mark> }),
                false => Either::Right(part.to_string()),
            })
            .collect_view(),
    )
}

/// One topic of an entry: a link that sets the topic filter (plain text without script; that
/// form only exists natively, see `is_static`).
fn topic(tag: &str, links: TagLinks) -> impl IntoView {
    #[cfg(not(target_arch = "wasm32"))]
    if is_static() {
        return view! { <li class="dl-tag">{tag.to_string()}</li> }.into_any();
    }
    let choose = tag.to_string();
    let target = tag.to_string();
    // The address follows the view (month, search), so a row kept across views stays right.
    let link = view! {
        <li>
            <a class="dl-tag" href=move || links.href.run(target.clone()) on:click=move |ev: MouseEvent| {
                if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
                    ev.prevent_default();
                    links.choose.run(choose.clone());
                }
            }>{tag.to_string()}</a>
        </li>
    };
    #[cfg(not(target_arch = "wasm32"))]
    return link.into_any();
    #[cfg(target_arch = "wasm32")]
    link
}

/// One entry of the list: date, thumbnail, title (a link to its detail card), summary and
/// topics, with the search's matches marked.
#[component]
pub fn NewsEntry(
    /// The entry to show.
    item: NewsItem,
    /// Where the title links to: the card's shareable address, or without script the original
    /// article. `None`: the title is plain text (an `<a>` without `href`).
    href: Signal<Option<String>>,
    /// Opens the entry's detail card; gets the entry's id.
    on_open: Callback<String>,
    /// The reader's search, whose matches are marked: a new search updates them in place.
    #[prop(into)]
    query: Signal<Query>,
    /// What its topic links do (without script, topics are plain text).
    topics: TagLinks,
) -> impl IntoView {
    // A static fragment in the headlines layout writes the date and title alone.
    let details = shows_details();
    let summary = (details && !item.summary.is_empty()).then(|| {
        let text = item.summary.clone();
        view! { <p class="dl-summary" part="summary">{move || query.with(|q| marked(&text, q))}</p> }
    });
    let text = item.title.clone();
    let title = move || query.with(|q| marked(&text, q));
    let tags = (details && !item.tags.is_empty()).then(|| {
        view! { <ul class="dl-tags" role="list">{item.tags.iter().map(|tag| topic(tag, topics)).collect_view()}</ul> }
    });
    let article_class = if details && item.image.is_some() { "dl-article" } else { "dl-article dl-text-only" };
    let id = String::from(&item.id);
    let open = move |ev: MouseEvent| {
        // Let the browser handle "open in new tab" and friends.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        on_open.run(id.clone());
    };
    view! {
        <li class="dl-entry" part="entry">
            // An entry without an image takes no image space (`dl-text-only`); one whose image
            // fails to load keeps its box, with the alt text.
            <article class=article_class>
                {item.image.filter(|_| details).map(|image| view! { <Thumbnail image=Some(image)/> })}
                <div class="dl-entry-text">
                    {item.date.day().copied().map(date_label)}
                    <h3 class="dl-title" part="title">
                        // Without an address (no script and no original article) this is a
                        // placeholder link: plain text, not focusable.
                        <a class="dl-title-link" href=href data-dl-id=String::from(item.id) on:click=open>{title}</a>
                    </h3>
                    {summary}
                    {item.origin.as_deref().filter(|_| details).map(|origin| {
                        let (before, after) = use_strings().from_feed.split_once("{}").unwrap_or(("", ""));
                        let name = origin.title.clone();
                        let name = match origin.site.clone() {
                            Some(site) => view! { <a href=site>{name}</a> }.into_any(),
                            None => name.into_any(),
                        };
                        view! { <p class="dl-source">{before}{name}{(!after.is_empty()).then_some(after)}</p> }
                    })}
                    {tags}
                </div>
            </article>
        </li>
    }
}
