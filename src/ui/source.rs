//! Where the news comes from: the bundled file, or (in the browser) a URL fetched with
//! gloo-net. Errors are `news_list::FetchError` values, with a message a person can act on.

use crate::formats::{parse_feed, LoadError, Parsed};
#[cfg(target_arch = "wasm32")]
pub use fetch::{fetch_any, fetch_feed, poll, Fetched, PollFailure, Polled};

/// The bundled news, parsed.
pub fn bundled() -> Result<Parsed, LoadError> {
    parse_feed(crate::BUNDLED_JSON.as_bytes())
}

#[cfg(target_arch = "wasm32")]
mod fetch {
    use crate::formats::{parse_any_with, LoadError, NewsFile, Parsed};
    use crate::news_list::FetchError;
    use crate::poll::Validators;
    use crate::urls::Links;
    use gloo_net::http::Request;

    /// Fetches a feed or a sharded archive's index. Returns it with the address it came from (after
    /// redirects), against which the links of its entries are resolved as they are read. An
    /// address that turns out to be a web page is followed, once, to the first feed it announces.
    pub async fn fetch_any(url: &str) -> Result<Fetched, FetchError> {
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

    async fn fetch_one(url: &str) -> Result<Fetched, FetchError> {
        match get(url, None).await {
            Ok(Got::File(fetched)) => Ok(fetched),
            Ok(Got::Unchanged { .. }) => Err(unreachable(url)),
            Err(failure) => Err(failure.error),
        }
    }

    /// A file fetched, with what a poll needs of the answer: the address it came from (after
    /// redirects), against which its links are resolved, its validators, its body's
    /// fingerprint and its `max-age`.
    pub struct Fetched {
        pub file: NewsFile,
        pub base: String,
        pub validators: Validators,
        pub fingerprint: u64,
        pub max_age: Option<f64>,
    }

    /// What a request brought.
    enum Got {
        /// A 304, or the same bytes as the body whose fingerprint was given.
        Unchanged {
            max_age: Option<f64>,
            validators: Option<Validators>,
        },
        File(Fetched),
    }

    /// The one request every fetch makes: a plain GET, or with `poll` (the last answer's
    /// validators and body fingerprint) a poll that asks whether the feed changed.
    ///
    /// On the page's own origin a poll carries `If-None-Match` and `If-Modified-Since` and
    /// bypasses the browser's cache, so a 304 reaches us and costs no body. On another origin
    /// those headers would need a CORS preflight the feed's server may refuse, so the browser's
    /// cache revalidates with its own validators (`no-cache`) and an unchanged body is
    /// recognised by its fingerprint, before any parse.
    async fn get(url: &str, poll: Option<(&Validators, Option<u64>)>) -> Result<Got, PollFailure> {
        let fail = |error| PollFailure { error, retry_after: None };
        let mut request = Request::get(url);
        if let Some((validators, _)) = poll {
            let page = web_sys::window().and_then(|w| w.location().origin().ok());
            let absolute = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .and_then(|page| web_sys::Url::new_with_base(url, &page).ok())
                .map(|u| u.origin());
            if page.is_some() && page == absolute {
                request = request.cache(web_sys::RequestCache::NoStore);
                for (name, value) in validators.request_headers() {
                    request = request.header(name, value);
                }
            } else {
                request = request.cache(web_sys::RequestCache::NoCache);
            }
        }
        let response = request.send().await.map_err(|_| fail(unreachable(url)))?;
        let header = |name: &str| response.headers().get(name);
        let max_age = crate::poll::max_age(header("cache-control").as_deref());
        if response.status() == 304 {
            return Ok(Got::Unchanged { max_age, validators: None });
        }
        if !response.ok() {
            let status = response.status();
            let retry_after = match status {
                429 | 503 => {
                    crate::poll::retry_after(header("retry-after").as_deref(), (js_sys::Date::now() / 1000.0) as i64)
                }
                _ => None,
            };
            let error = FetchError::Http { url: url.to_string(), status, status_text: response.status_text() };
            return Err(PollFailure { error, retry_after });
        }
        let validators = Validators::from_headers(header("etag"), header("last-modified"));
        let base = response.url();
        let bytes = response.binary().await.map_err(|_| fail(unreachable(url)))?;
        let fingerprint = crate::poll::fingerprint(&bytes);
        if poll.is_some_and(|(_, last)| last == Some(fingerprint)) {
            return Ok(Got::Unchanged { max_age, validators: Some(validators) });
        }
        let file = parse_any_with(bytes, &Links::relative_to(&base))
            .map_err(|error| fail(FetchError::Content { url: url.to_string(), error }))?;
        Ok(Got::File(Fetched { file, base, validators, fingerprint, max_age }))
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

    /// What a poll brought.
    pub enum Polled {
        /// A 304, or a 200 with the same bytes as last time: nothing to parse or show.
        Unchanged { max_age: Option<f64>, validators: Option<Validators> },
        /// A feed that may differ from the one shown.
        Fresh { parsed: Parsed, validators: Validators, fingerprint: u64, max_age: Option<f64> },
    }

    /// A poll that failed, with the wait the server asked for (`Retry-After` on 429 and 503).
    pub struct PollFailure {
        pub error: FetchError,
        pub retry_after: Option<f64>,
    }

    /// Asks `url` whether its feed changed since the answer that gave `validators` and
    /// `last` (that body's fingerprint).
    pub async fn poll(url: &str, validators: &Validators, last: Option<u64>) -> Result<Polled, PollFailure> {
        match get(url, Some((validators, last))).await? {
            Got::Unchanged { max_age, validators } => Ok(Polled::Unchanged { max_age, validators }),
            Got::File(Fetched { file: NewsFile::Feed(parsed), validators, fingerprint, max_age, .. }) => {
                Ok(Polled::Fresh { parsed, validators, fingerprint, max_age })
            }
            Got::File(Fetched { file: NewsFile::ArchiveIndex(_), .. }) => Err(PollFailure {
                error: FetchError::Content {
                    url: url.to_string(),
                    error: LoadError::WrongShape("an archive index where a feed was expected".into()),
                },
                retry_after: None,
            }),
        }
    }

    /// Fetches a feed (one month of a sharded archive, for instance).
    pub async fn fetch_feed(url: &str) -> Result<Parsed, FetchError> {
        match fetch_any(url).await?.file {
            NewsFile::Feed(parsed) => Ok(parsed),
            NewsFile::ArchiveIndex(_) => Err(FetchError::Content {
                url: url.to_string(),
                error: LoadError::WrongShape("an archive index where a month's entries were expected".into()),
            }),
        }
    }
}
