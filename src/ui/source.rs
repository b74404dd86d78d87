//! Where the news comes from: the bundled file, or a URL fetched with gloo-net. Errors are
//! values with a message a person can act on.

use crate::formats::{parse_any, parse_feed, LoadError, Loaded, Parsed};
use crate::i18n::Strings;
use crate::model::Feed;
use gloo_net::http::Request;

/// Why a fetched feed could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all: offline, DNS, CORS, a refused connection.
    Network { url: String },
    /// The server answered with an error status.
    Http { url: String, status: u16, status_text: String },
    /// The answer was not a usable feed.
    Content { url: String, error: LoadError },
}

impl FetchError {
    /// A short headline for the error card, in language `t`.
    pub fn headline(&self, t: &'static Strings) -> &'static str {
        match self {
            FetchError::Network { .. } => t.error_network,
            FetchError::Http { status: 404, .. } => t.error_not_found,
            FetchError::Http { .. } => t.error_server,
            FetchError::Content { error: LoadError::NotJson { .. }, .. } => t.error_not_json,
            FetchError::Content { .. } => t.error_wrong_format,
        }
    }

    /// What went wrong, in plain words, in language `t`. The JSON reader's own reason and a
    /// wrong shape's description stay in English: they are for the file's editor.
    pub fn detail(&self, t: &Strings) -> String {
        match self {
            FetchError::Network { .. } => t.detail_network.into(),
            FetchError::Http { status, status_text, .. } => {
                let status = if status_text.is_empty() { status.to_string() } else { format!("{status} {status_text}") };
                Strings::fill(t.detail_http, &[&status])
            }
            FetchError::Content { error: LoadError::NotJson { line, column, reason }, .. } => {
                Strings::fill(t.detail_not_json, &[reason, &line.to_string(), &column.to_string()])
            }
            FetchError::Content { error: LoadError::WrongShape(what), .. } => Strings::fill(t.detail_wrong_shape, &[what]),
        }
    }

    pub fn url(&self) -> &str {
        match self {
            FetchError::Network { url } | FetchError::Http { url, .. } | FetchError::Content { url, .. } => url,
        }
    }
}

/// The bundled news, parsed.
pub fn bundled() -> Result<Parsed, LoadError> {
    parse_feed(crate::BUNDLED_JSON.as_bytes())
}

/// Fetches a feed or a sharded archive's index. Returns it with the address it came from (after
/// redirects), against which relative URLs in it resolve.
pub async fn fetch_any(url: &str) -> Result<(Loaded, String), FetchError> {
    let response = Request::get(url).send().await.map_err(|_| FetchError::Network { url: url.to_string() })?;
    if !response.ok() {
        return Err(FetchError::Http { url: url.to_string(), status: response.status(), status_text: response.status_text() });
    }
    let base = response.url();
    let bytes = response.binary().await.map_err(|_| FetchError::Network { url: url.to_string() })?;
    let mut loaded = parse_any(&bytes).map_err(|error| FetchError::Content { url: url.to_string(), error })?;
    if let Loaded::Feed(parsed) = &mut loaded {
        resolve_urls(&mut parsed.feed, &base);
    }
    Ok((loaded, base))
}

/// Fetches a feed (one month of a sharded archive, for instance).
pub async fn fetch_feed(url: &str) -> Result<Parsed, FetchError> {
    match fetch_any(url).await? {
        (Loaded::Feed(parsed), _) => Ok(parsed),
        (Loaded::Index(_), _) => Err(FetchError::Content {
            url: url.to_string(),
            error: LoadError::WrongShape("an archive index where a month's entries were expected".into()),
        }),
    }
}

pub use crate::urls::resolve;

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
