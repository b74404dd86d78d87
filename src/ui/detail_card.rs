use super::thumbnail::{Thumbnail, LARGE_HEIGHT, LARGE_WIDTH};
use super::{use_strings, RichText};
use crate::i18n::Strings;
use crate::model::NewsItem;
use leptos::html;
use leptos::prelude::*;

/// The detail card of one entry, as a modal dialog: large image with caption, full date, title,
/// the whole text, a link to the original, and Previous / Next within the current filter.
/// With `item: None` it says the entry was not found.
#[component]
pub fn DetailCard(
    /// The entry, or `None` when the id in the address matches nothing.
    item: Option<NewsItem>,
    /// The entry above this one in the list, as (id, title).
    previous: Option<(String, String)>,
    /// The entry below this one in the list, as (id, title).
    next: Option<(String, String)>,
    /// Moves to another entry (`Some(id)`) or closes the card (`None`).
    on_navigate: Callback<Option<String>>,
) -> impl IntoView {
    let t = use_strings();
    let dialog = NodeRef::<html::Dialog>::new();
    let heading = NodeRef::<html::H2>::new();
    // Open as a modal (focus stays inside, Escape works), then put focus on the heading.
    Effect::new(move |_| {
        if let (Some(dialog), Some(heading)) = (dialog.get(), heading.get()) {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            let _ = heading.focus();
        }
    });
    let close = move || on_navigate.run(None);
    let step = move |target: Option<(String, String)>, label: &'static str, class: &'static str| {
        let disabled = target.is_none();
        let title = target.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
        let id = target.map(|(id, _)| id);
        view! {
            <button
                type="button"
                class=format!("dl-button {class}")
                disabled=disabled
                title=title
                on:click=move |_| {
                    if let Some(id) = id.clone() {
                        on_navigate.run(Some(id));
                    }
                }
            >
                {label}
            </button>
        }
    };

    let body = match item {
        Some(item) => {
            let caption = item.image.as_ref().map(|image| {
                let parts: Vec<String> = [Some(String::from(&image.alt)).filter(|a| !a.is_empty()), image.size_label_in(t)]
                    .into_iter()
                    .flatten()
                    .collect();
                parts.join(" · ")
            });
            let figure = item.image.clone().map(|image| {
                view! {
                    <figure class="dl-card-figure">
                        <Thumbnail image=Some(image) width=LARGE_WIDTH height=LARGE_HEIGHT lazy=false/>
                        {caption.filter(|c| !c.is_empty()).map(|c| view! { <figcaption class="dl-caption">{c}</figcaption> })}
                    </figure>
                }
            });
            // Feed HTML (JSON Feed content_html) goes through the sanitizer; otherwise the summary
            // and body show as plain paragraphs.
            let rich = item.html.as_ref().map(|html| view! { <RichText html=String::from(html)/> });
            let paragraphs: Vec<String> = std::iter::once(item.summary.as_str())
                .filter(|_| rich.is_none())
                .chain(item.body.as_deref().filter(|_| rich.is_none()))
                .flat_map(|text| text.split("\n\n"))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            let meta = (!item.authors.is_empty() || !item.tags.is_empty()).then(|| {
                let authors = (!item.authors.is_empty()).then(|| Strings::fill(t.by, &[&item.authors.join(", ")]));
                let tags = (!item.tags.is_empty()).then(|| Strings::fill(t.tags, &[&item.tags.join(", ")]));
                view! {
                    <p class="dl-card-meta">
                        {authors.map(|a| view! { <span>{a}</span> })}
                        " "
                        {tags.map(|t| view! { <span>{t}</span> })}
                    </p>
                }
            });
            let original = item.url.as_ref().map(String::from).map(|url| {
                view! {
                    <p class="dl-card-original">
                        <a href=url rel="noopener noreferrer" target="_blank">{t.read_original}</a>
                    </p>
                }
            });
            view! {
                {figure}
                {item.date.day().map(|day| view! {
                    <time class="dl-date" datetime=day.datetime()>{day.long_label_in(t)}</time>
                })}
                <h2 class="dl-card-title" id="dl-card-title" tabindex="-1" node_ref=heading>{String::from(item.title)}</h2>
                <div class="dl-card-text">
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    {rich}
                </div>
                {meta}
                {original}
                <nav class="dl-card-steps" aria-label=t.more_news>
                    {step(previous, t.previous, "dl-previous")}
                    {step(next, t.next, "dl-next")}
                </nav>
            }
            .into_any()
        }
        None => view! {
            <h2 class="dl-card-title" id="dl-card-title" tabindex="-1" node_ref=heading>{t.not_found}</h2>
            <p>{t.not_found_detail}</p>
            <p>
                <button type="button" class="dl-button dl-back-to-list" on:click=move |_| close()>{t.back_to_list}</button>
            </p>
        }
        .into_any(),
    };

    view! {
        <dialog
            class="dl-card"
            part="card"
            aria-labelledby="dl-card-title"
            node_ref=dialog
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                close();
            }
        >
            <div class="dl-card-inner">
                <div class="dl-card-bar">
                    <button type="button" class="dl-button dl-close" on:click=move |_| close()>
                        <span aria-hidden="true">"× "</span>
                        {t.close}
                    </button>
                </div>
                {body}
            </div>
        </dialog>
    }
}
