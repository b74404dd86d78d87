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
    /// redirects), against which the links of its entries are resolved as they are read.
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
        let file = parse_any_with(bytes, &Links::relative_to(&base))
            .map_err(|error| FetchError::Content { url: url.to_string(), error })?;
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
}
