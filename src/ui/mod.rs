//! The Leptos components. They stay thin: everything they show comes from the plain modules
//! (`formats`, `archive`, `dates`), and they only arrange it.

mod detail_card;
pub mod location;
mod month_filter;
mod news_entry;
mod news_page;
mod thumbnail;

pub use detail_card::DetailCard;
pub use month_filter::MonthFilter;
pub use news_entry::NewsEntry;
pub use news_page::NewsPage;
pub use thumbnail::{ImagePlaceholder, Thumbnail};

use crate::formats::{parse_feed, Parsed};
use leptos::prelude::*;
use std::sync::Arc;

/// Mounts the standalone page on `<body>`, showing the bundled news.
pub fn mount_page() {
    let loaded = parse_feed(crate::BUNDLED_JSON.as_bytes());
    leptos::mount::mount_to_body(move || match loaded {
        Ok(Parsed { feed, .. }) => {
            let state = RwSignal::new(location::initial_state());
            location::sync_with_url(state);
            view! { <NewsPage feed=Arc::new(feed) state href_for=location::href_for()/> }.into_any()
        }
        Err(error) => view! {
            <main class="dl-page">
                <p class="dl-error" role="alert">{error.to_string()}</p>
            </main>
        }
        .into_any(),
    });
}
