//! Where the news comes from: the bundled file, or (in the browser) a URL fetched with
//! gloo-net. Errors are `news_list::FetchError` values, with a message a person can act on.

use crate::formats::{parse_feed, LoadError, Parsed};
#[cfg(target_arch = "wasm32")]
pub use fetch::{fetch_any, fetch_feed};

/// The bundled news, parsed.
pub fn bundled() -> Result<Parsed, LoadError> {
    parse_feed(crate::BUNDLED_JSON.as_bytes())
}

#[cfg(target_arch = "wasm32")]
mod fetch {
    use crate::formats::{parse_any_with, LoadError, NewsFile, Parsed};
    use crate::news_list::FetchError;
    use crate::urls::Links;
    use gloo_net::http::Request;

    /// Fetches a feed or a sharded archive's index. Returns it with the address it came from (after
    /// redirects), against which the links of its entries are resolved as they are read. An
    /// address that turns out to be a web page is followed, once, to the first feed it announces.
    pub async fn fetch_any(url: &str) -> Result<(NewsFile, String), FetchError> {
        let mut url = url.to_string();
        let mut followed = false;
        loop {
            match fetch_one(&url).await {
                Err(FetchError::Content { error: LoadError::WebPage { mut feeds }, .. })
                    if !followed && !feeds.is_empty() =>
                {
                    url = feeds.swap_remove(0);
                    followed = true;
                }
                other => return other,
            }
        }
    }

    async fn fetch_one(url: &str) -> Result<(NewsFile, String), FetchError> {
        let response = Request::get(url).send().await.map_err(|_| unreachable(url))?;
        if !response.ok() {
            return Err(FetchError::Http {
                url: url.to_string(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let base = response.url();
        let bytes = response.binary().await.map_err(|_| unreachable(url))?;
        let file = parse_any_with(bytes, &Links::relative_to(&base))
            .map_err(|error| FetchError::Content { url: url.to_string(), error })?;
        Ok((file, base))
    }

    /// The error for an address that gave no answer the page may read: on another origin, most
    /// often its server does not allow this page to read it (CORS).
    fn unreachable(url: &str) -> FetchError {
        let url = url.to_string();
        let page = web_sys::window().and_then(|w| w.location().href().ok());
        let origin = |address: &str, base: Option<&str>| {
            let parsed = match base {
                Some(base) => web_sys::Url::new_with_base(address, base),
                None => web_sys::Url::new(address),
            };
            parsed.ok().map(|u| u.origin())
        };
        let page_origin = page.as_deref().and_then(|p| origin(p, None));
        let feed_origin = origin(&url, page.as_deref());
        if page_origin.is_some() && feed_origin.is_some() && page_origin != feed_origin {
            FetchError::CrossOrigin { url }
        } else {
            FetchError::Network { url }
        }
    }

    /// Fetches a feed (one month of a sharded archive, for instance).
    pub async fn fetch_feed(url: &str) -> Result<Parsed, FetchError> {
        match fetch_any(url).await? {
            (NewsFile::Feed(parsed), _) => Ok(parsed),
            (NewsFile::ArchiveIndex(_), _) => Err(FetchError::Content {
                url: url.to_string(),
                error: LoadError::WrongShape("an archive index where a month's entries were expected".into()),
            }),
        }
    }
}
