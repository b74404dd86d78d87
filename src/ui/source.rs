//! Where the news comes from: the bundled file, or (in the browser) a URL fetched with
//! gloo-net. Errors are `news_list::FetchError` values, with a message a person can act on.

use crate::formats::{parse_feed, LoadError, Parsed};
#[cfg(target_arch = "wasm32")]
pub use fetch::{fetch_any, fetch_feed, join_polls, leave_polls, poll, yield_to_host, Fetched, PollFailure, Polled};

/// The bundled news, parsed.
pub fn bundled() -> Result<Parsed, LoadError> {
    parse_feed(crate::BUNDLED_JSON.as_bytes())
}

#[cfg(target_arch = "wasm32")]
mod fetch {
    use crate::formats::stepwise::{self, Reading};
    use crate::formats::{LoadError, NewsFile, Parsed};
    use crate::news_list::FetchError;
    use crate::poll::{LastAnswer, Validators};
    use crate::shared_polls::{SharedPolls, Turn};
    use crate::urls::Links;
    use gloo_net::http::Request;
    use std::cell::RefCell;
    use std::rc::Rc;

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
        match request(url, None, None).await {
            Ok(Raw::Body(body)) => read_body(url, body).await.map_err(|failure| failure.error),
            Ok(Raw::NotModified { .. }) => Err(unreachable(url)),
            Err(failure) => Err(failure.error),
        }
    }

    /// Gives the main thread back to the browser for a moment, so that two pieces of work make
    /// two tasks, not one long one on the host page: `scheduler.yield()` where the browser has
    /// it (the rest of the work keeps its place in the queue), else a new task
    /// (`setTimeout(0)`). Read through `Reflect`: web-sys has no binding for `scheduler`.
    pub async fn yield_to_host() {
        use wasm_bindgen::{JsCast, JsValue};
        let global = js_sys::global();
        let scheduler = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler")).unwrap_or(JsValue::UNDEFINED);
        let yield_fn = js_sys::Reflect::get(&scheduler, &JsValue::from_str("yield"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let promise = yield_fn
            .and_then(|f| f.call0(&scheduler).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            .unwrap_or_else(|| {
                js_sys::Promise::new(&mut |resolve, _| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.set_timeout_with_callback(&resolve);
                    }
                })
            });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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

    impl Fetched {
        /// What the next poll of this feed sends.
        pub fn last_answer(&self) -> LastAnswer {
            LastAnswer {
                address: self.base.clone(),
                validators: self.validators.clone(),
                fingerprint: Some(self.fingerprint),
            }
        }
    }

    /// A response as it came, before any parse: what widgets polling one address share.
    #[derive(Clone)]
    enum Raw {
        /// A 304: unchanged since the body with this fingerprint (the asker's).
        NotModified {
            fingerprint: Option<u64>,
            max_age: Option<f64>,
        },
        Body(Rc<Body>),
    }

    #[derive(Clone)]
    struct Body {
        bytes: Vec<u8>,
        base: String,
        validators: Validators,
        fingerprint: u64,
        max_age: Option<f64>,
    }

    /// The one request every fetch makes: a plain GET, or with `poll` (the feed's last answer)
    /// a poll that asks whether the feed changed.
    ///
    /// On the page's own origin a poll carries `If-None-Match` and `If-Modified-Since` and
    /// bypasses the browser's cache, so a 304 reaches us and costs no body. On another origin
    /// those headers would need a CORS preflight the feed's server may refuse, so the browser's
    /// cache revalidates with its own validators (`no-cache`) and an unchanged body is
    /// recognised by its fingerprint, before any parse.
    async fn request(
        url: &str,
        poll: Option<&LastAnswer>,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Raw, PollFailure> {
        let fail = |error| PollFailure { error, retry_after: None };
        let mut request = Request::get(url).abort_signal(abort);
        if let Some(last) = poll {
            let page = web_sys::window().and_then(|w| w.location().origin().ok());
            let absolute = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .and_then(|page| web_sys::Url::new_with_base(url, &page).ok())
                .map(|u| u.origin());
            if page.is_some() && page == absolute {
                request = request.cache(web_sys::RequestCache::NoStore);
                for (name, value) in last.validators.request_headers() {
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
            return Ok(Raw::NotModified { fingerprint: poll.and_then(|last| last.fingerprint), max_age });
        }
        if !response.ok() {
            let status = response.status();
            let retry_after = match status {
                429 | 503 => crate::poll::retry_after(header("retry-after").as_deref(), now() as i64),
                _ => None,
            };
            let error = FetchError::Http { url: url.to_string(), status, status_text: response.status_text() };
            return Err(PollFailure { error, retry_after });
        }
        let validators = Validators::from_headers(header("etag"), header("last-modified"));
        let base = response.url();
        let bytes = response.binary().await.map_err(|_| fail(unreachable(url)))?;
        let fingerprint = crate::poll::fingerprint(&bytes);
        Ok(Raw::Body(Rc::new(Body { bytes, base, validators, fingerprint, max_age })))
    }

    /// A body read as a feed or an archive's index. A body another widget also holds is copied.
    /// The reading is a task of its own; a big JSON feed is read a slice of entries per task
    /// ([`crate::formats::stepwise`], [`crate::slices::ENTRIES_PER_SLICE`]).
    async fn read_body(url: &str, body: Rc<Body>) -> Result<Fetched, PollFailure> {
        yield_to_host().await;
        let Body { bytes, base, validators, fingerprint, max_age } = Rc::unwrap_or_clone(body);
        let links = Links::relative_to(&base);
        let file = match stepwise::start(bytes, &links) {
            Reading::Done(file) => file,
            Reading::Stepwise(mut reading) => {
                yield_to_host().await;
                while !reading.step(crate::slices::ENTRIES_PER_SLICE) {
                    yield_to_host().await;
                }
                yield_to_host().await;
                reading.finish()
            }
        };
        let file = file.map_err(|error| PollFailure {
            error: FetchError::Content { url: url.to_string(), error },
            retry_after: None,
        })?;
        Ok(Fetched { file, base, validators, fingerprint, max_age })
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
        /// A feed (or an archive's index) that may differ from the one shown.
        Fresh { file: NewsFile, last: LastAnswer, max_age: Option<f64> },
    }

    /// A poll that failed, with the wait the server asked for (`Retry-After` on 429 and 503).
    #[derive(Clone)]
    pub struct PollFailure {
        pub error: FetchError,
        pub retry_after: Option<f64>,
    }

    type Shared = Rc<Result<Raw, PollFailure>>;

    thread_local! {
        /// The page's widgets' polls, shared by address ([`SharedPolls`]).
        static SHARED: RefCell<SharedPolls<Shared>> = RefCell::new(SharedPolls::default());
    }

    fn now() -> f64 {
        js_sys::Date::now() / 1000.0
    }

    /// A widget starts polling the feed it was given as `key` (its `src` address).
    pub fn join_polls(key: &str) {
        SHARED.with(|shared| shared.borrow_mut().join(key));
    }

    /// A widget stops polling `key`: the last one aborts a request on its way.
    pub fn leave_polls(key: &str) {
        SHARED.with(|shared| shared.borrow_mut().leave(key));
    }

    /// Asks whether the feed given as `key` changed since its `last` answer. Widgets polling
    /// the same `key` share the request when their polls fall due within `window` seconds of
    /// each other. Returns the answer and how old it is, in seconds (another widget's answer
    /// may have come earlier).
    pub async fn poll(key: &str, last: &LastAnswer, window: f64) -> (Result<Polled, PollFailure>, f64) {
        let turn = SHARED.with(|shared| shared.borrow_mut().turn(key, now(), window));
        let (answer, age) = match turn {
            Turn::Reuse { answer, age } => (Some(answer), age),
            Turn::Wait(answer) => (answer.await.ok(), 0.0),
            Turn::Ask => {
                let controller = web_sys::AbortController::new().ok();
                if let Some(controller) = controller.clone() {
                    SHARED.with(|shared| shared.borrow_mut().asking(key, move || controller.abort()));
                }
                let answer = Rc::new(request(&last.address, Some(last), controller.map(|c| c.signal()).as_ref()).await);
                SHARED.with(|shared| shared.borrow_mut().answered(key, now(), &answer));
                (Some(answer), 0.0)
            }
        };
        let polled = match answer {
            Some(answer) => read(&answer, last).await,
            None => None,
        };
        if let Some(polled) = polled {
            return (polled, age);
        }
        // Another widget's 304 says nothing about a different version of the feed (or its
        // request was aborted): this widget asks on its own.
        let own = request(&last.address, Some(last), None).await;
        (read(&own, last).await.unwrap_or(Ok(Polled::Unchanged { max_age: None, validators: None })), 0.0)
    }

    /// What an answer means to a widget that last saw `last`; `None` when it cannot tell (a
    /// 304 to another version).
    async fn read(answer: &Result<Raw, PollFailure>, last: &LastAnswer) -> Option<Result<Polled, PollFailure>> {
        let raw = match answer {
            Err(failure) => return Some(Err(failure.clone())),
            Ok(raw) => raw,
        };
        Some(match raw {
            Raw::NotModified { fingerprint, max_age } => {
                if *fingerprint != last.fingerprint {
                    return None;
                }
                Ok(Polled::Unchanged { max_age: *max_age, validators: None })
            }
            Raw::Body(body) if Some(body.fingerprint) == last.fingerprint => {
                Ok(Polled::Unchanged { max_age: body.max_age, validators: Some(body.validators.clone()) })
            }
            Raw::Body(body) => read_body(&last.address, Rc::clone(body)).await.map(|fetched| {
                let last = fetched.last_answer();
                Polled::Fresh { file: fetched.file, last, max_age: fetched.max_age }
            }),
        })
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
