//! The Leptos components. They stay thin: everything they show comes from the plain modules
//! (`formats`, `archive`, `dates`), and they only arrange it.

mod news_entry;
mod news_page;
mod thumbnail;

pub use news_entry::NewsEntry;
pub use news_page::NewsPage;
pub use thumbnail::{ImagePlaceholder, Thumbnail};

use crate::formats::{parse_feed, Parsed};
use leptos::prelude::*;

/// Mounts the standalone page on `<body>`, showing the bundled news.
pub fn mount_page() {
    let loaded = parse_feed(crate::BUNDLED_JSON.as_bytes());
    leptos::mount::mount_to_body(move || match loaded {
        Ok(Parsed { feed, .. }) => view! { <NewsPage feed/> }.into_any(),
        Err(error) => view! {
            <main class="dl-page">
                <p class="dl-error" role="alert">{error.to_string()}</p>
            </main>
        }
        .into_any(),
    });
}
