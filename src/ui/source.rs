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
    use crate::formats::{parse_any, LoadError, NewsFile, Parsed};
    use crate::model::Feed;
    use crate::news_list::FetchError;
    use gloo_net::http::Request;

    /// Fetches a feed or a sharded archive's index. Returns it with the address it came from (after
    /// redirects), against which relative URLs in it resolve.
    pub async fn fetch_any(url: &str) -> Result<(NewsFile, String), FetchError> {
        let response = Request::get(url).send().await.map_err(|_| FetchError::Network { url: url.to_string() })?;
        if !response.ok() {
            return Err(FetchError::Http {
                url: url.to_string(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let base = response.url();
        let bytes = response.binary().await.map_err(|_| FetchError::Network { url: url.to_string() })?;
        let mut file = parse_any(&bytes).map_err(|error| FetchError::Content { url: url.to_string(), error })?;
        // The file's bytes go before the links are resolved, so the new links take their place
        // in memory (wasm memory never shrinks: what is live at once is what it keeps).
        drop(bytes);
        if let NewsFile::Feed(parsed) = &mut file {
            resolve_urls(&mut parsed.feed, &base);
        }
        Ok((file, base))
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

    fn resolve_urls(feed: &mut Feed, base: &str) {
        let Some(base) = crate::urls::Base::parse(base) else { return };
        for item in &mut feed.items {
            if let Some(url) = item.url.take() {
                item.url = base.join(&url);
            }
            if let Some(image) = item.image.as_mut() {
                if let Some(src) = base.join(&image.src) {
                    image.src = src;
                }
            }
        }
    }
}
