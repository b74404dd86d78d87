use super::source::bundled;
#[cfg(target_arch = "wasm32")]
use super::source::{fetch_any, fetch_feed, join_polls, leave_polls, poll, yield_to_host, Fetched, Polled};
use super::{use_language, ErrorCard, FeedErrors, ListOptions, ListView, LoadingList, SkippedNotice};
use crate::dates::YearMonth;
#[cfg(target_arch = "wasm32")]
use crate::formats::NewsFile;
use crate::formats::Parsed;
use crate::news_list::{FetchError, Filter, MonthFetch, NewsList};
use crate::pending::{Arrival, News, Pending};
use crate::poll::PollState;
#[cfg(target_arch = "wasm32")]
use crate::poll::{Answer, LastAnswer, Round};
use crate::presentation::Heading;
use crate::sources::Sources;
#[cfg(target_arch = "wasm32")]
use crate::sources::FEED_TIMEOUT_MS;
use crate::url_state::ViewState;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
#[cfg(target_arch = "wasm32")]
use leptos::task::spawn_local;

/// A random number in −1..=1: each poll's wait is spread by ±10% of it.
#[cfg(target_arch = "wasm32")]
fn jitter() -> f64 {
    js_sys::Math::random() * 2.0 - 1.0
}

/// Where the news comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The file compiled into the app.
    Bundled,
    /// News already in hand (what `datelines-cli render` read).
    Ready(Parsed),
    /// Feeds at these addresses (relative or absolute): Datelines JSON, JSON Feed, RSS or
    /// Atom, a web page that announces one, or one sharded archive's index. Several are merged
    /// into one list ([`crate::sources`]).
    Urls(Vec<String>),
}

/// The list's model in a signal, and the one place that fetches what it asks for. Each fetch
/// ends in one event on the model; when the component that owns it is removed mid-fetch, the
/// signal is gone and the result is dropped (`try_update`).
#[derive(Clone, Copy)]
pub struct Loader {
    pub list: RwSignal<NewsList>,
    source: StoredValue<Source>,
    /// Several feeds and how each stands (`None` for one source).
    pub sources: RwSignal<Option<Sources>>,
    /// Which round of fetching several feeds is current: a timer or an answer from an earlier
    /// one is ignored.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    round: StoredValue<u32>,
    /// News a poll brought while a list is shown: it waits behind a button.
    pub pending: RwSignal<Option<Pending>>,
    /// After an archive update was shown: the ids loaded before it, until the first new entry
    /// arrives with its month.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    before_update: StoredValue<Option<crate::pending::KnownIds>>,
    /// That first new entry, once its month is read: focus goes there.
    pub arrived: RwSignal<Option<String>>,
    /// Whether the widget is on screen ([`super::InView`]; `None`: always).
    in_view: Option<Signal<bool>>,
    /// When the list was last updated, once polls have failed often enough to say so.
    pub stale_since: RwSignal<Option<i64>>,
    /// The poller's memory ([`PollState`]).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    poll: StoredValue<PollState>,
    /// The poll timer, cleared when polling stops or the list goes.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    timer: StoredValue<std::sync::Arc<std::sync::Mutex<Option<TimeoutHandle>>>>,
    /// How many rows the list draws ([`crate::slices::RowBudget`]): the list's, not a view's, so
    /// a view built again (a new look) draws what the last one had drawn.
    pub rows: RwSignal<crate::slices::RowBudget>,
}

impl Loader {
    /// A loader for `source` with nothing loaded yet; call [`Loader::load`].
    pub fn new(source: Source) -> Self {
        // A fetched feed's first rows come in slices; news in hand (the bundled file, which
        // replaces the prerendered page in one step) is drawn whole.
        let rows = match (&source, cfg!(target_arch = "wasm32")) {
            (Source::Urls(_), true) => crate::slices::RowBudget::first(),
            _ => crate::slices::RowBudget::unlimited(),
        };
        Loader {
            list: RwSignal::new(NewsList::new()),
            source: StoredValue::new(source),
            sources: RwSignal::new(None),
            round: StoredValue::new(0),
            pending: RwSignal::new(None),
            before_update: StoredValue::new(None),
            arrived: RwSignal::new(None),
            in_view: use_context::<super::InView>().map(|v| v.0),
            stale_since: RwSignal::new(None),
            poll: StoredValue::new(PollState::default()),
            timer: StoredValue::new(Default::default()),
            rows: RwSignal::new(rows),
        }
    }

    /// A loader over news already in hand (a test's feed, say), loaded.
    pub fn ready(parsed: Parsed) -> Self {
        let loader = Self::new(Source::Ready(parsed));
        loader.load();
        loader
    }

    /// True when the source is fetched (so it can be refreshed).
    pub fn is_fetched(&self) -> bool {
        self.source.with_value(|s| matches!(s, Source::Urls(_)))
    }

    /// Loads the source: the first time, on Refresh, and on Retry.
    pub fn load(self) {
        self.load_as(false);
    }

    /// Loads the source; `polled`: for a poll (until a first load succeeds), whose news waits
    /// while the widget is out of view. A reader's own load always renders: a first load below
    /// the fold must reach screen readers and the find-in-page of a reader who has not scrolled.
    fn load_as(self, polled: bool) {
        let Some(source) = self.source.try_get_value() else { return };
        // An archive update's first new entry no longer takes focus after a new load.
        self.before_update.try_set_value(None);
        // News a poll left behind the button is older than what this load brings.
        self.pending.try_set(None);
        self.list.update(NewsList::loading_started);
        match source {
            Source::Bundled => match bundled() {
                Ok(parsed) => self.list.update(|list| list.feed_loaded(parsed)),
                // The bundled file is checked by the tests; this only guards against a bad build.
                Err(error) => self
                    .list
                    .update(|list| list.load_failed(FetchError::Content { url: "(bundled news)".into(), error })),
            },
            Source::Ready(parsed) => self.list.update(|list| list.feed_loaded(parsed)),
            Source::Urls(mut urls) if urls.len() == 1 => self.fetch_source(urls.remove(0), polled),
            Source::Urls(urls) => {
                let fetches = urls.iter().cloned().enumerate().collect();
                self.sources.set(Some(Sources::new(urls)));
                self.fetch_several(fetches);
            }
        }
    }

    /// Retry for the feeds of several that failed; the list shows what it has meanwhile.
    pub fn retry_failed_feeds(self) {
        let again = self.sources.try_update(|s| s.as_mut().map(Sources::retry)).flatten().unwrap_or_default();
        self.fetch_several(again);
    }

    /// The list several feeds make, once each has answered, failed or run out of time.
    fn show_sources(self) {
        // The merged list, or the first failure when no feed could be read; read in place, not
        // copied out of the signal first (the feeds hold every entry).
        let shown = self.sources.try_with_untracked(|sources| {
            let sources = sources.as_ref().filter(|s| s.is_settled())?;
            Some(sources.merged().ok_or_else(|| sources.failures().into_iter().next()))
        });
        let _ = self.list.try_update(|list| match shown.flatten() {
            Some(Ok(parsed)) => list.feed_loaded(parsed),
            Some(Err(Some(error))) => list.load_failed(error),
            Some(Err(None)) | None => {}
        });
    }

    /// Shows the news that waits behind the button; returns the first new entry's id (where
    /// focus goes).
    pub fn show_pending(self) -> Option<String> {
        let pending = self.pending.try_update(Option::take).flatten()?;
        let new = pending.new;
        self.list.update(|list| match pending.news {
            News::Feed(parsed) => list.feed_loaded(parsed),
            News::Index { index, base } => {
                // Its new entries come with the months it changed, read again from here. (An
                // update without new entries waits for none: a month read later by "More news"
                // must not take focus.) Detached: kept across the months' fetches, and longer if
                // one fails, the ids must not keep the old files in memory.
                let known = (new > 0).then(|| crate::pending::KnownIds::of(list.items()).detached());
                self.before_update.set_value(known);
                list.index_loaded(index, &base);
            }
        });
        pending.first_new
    }

    /// True unless the widget is scrolled out of view.
    fn seen(self) -> bool {
        self.in_view.is_none_or(|s| s.get_untracked())
    }

    /// A poll's fresh read: shown at once when no list is shown (the first load failed) and the
    /// widget is seen, else held behind the button when a reader would see a difference (out of
    /// view, until it is seen).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn fresh(self, parsed: Parsed) {
        // A list still shown under a failed Refresh's error is shown: its news waits too.
        let showing = self.list.with_untracked(NewsList::is_shown);
        match Arrival::of(showing, self.seen()) {
            Arrival::UntilSeen => self.pending.set(Pending::compare(&[], parsed)),
            Arrival::Show => {
                self.pending.set(None);
                self.list.update(|list| list.feed_loaded(parsed));
            }
            Arrival::BehindButton => {
                let pending = self.list.with_untracked(|l| Pending::compare(l.items(), parsed));
                self.pending.set(pending);
            }
        }
    }

    /// The feeds a poll asks, as given (the key widgets share polls by), each with its place.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn given_urls(self) -> Vec<String> {
        self.source
            .try_with_value(|s| if let Source::Urls(urls) = s { urls.clone() } else { Vec::new() })
            .unwrap_or_default()
    }

    /// A poll's fresh archive index (from `base`): applied at once when no list is shown, else
    /// held behind the button when it changes any month.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn fresh_index(self, index: crate::formats::shards::ArchiveIndex, base: String) {
        if !self.list.with_untracked(NewsList::is_shown) {
            self.pending.set(None);
            self.list.update(|list| list.index_loaded(index, &base));
            return;
        }
        let pending =
            self.list.with_untracked(|l| Pending::index(l.archive().unwrap_or_default(), l.title(), index, base));
        self.pending.set(pending);
    }

    /// Fetches `month` of a sharded archive, unless it is fetched or on its way.
    pub fn fetch_month(self, month: YearMonth) {
        if let Some(fetch) = self.list.try_update(|list| list.request_month(month)).flatten() {
            self.fetch(fetch);
        }
    }

    /// "More news" under `filter` with `limit` entries per batch; fetches the archive's next
    /// month when the loaded entries are all open.
    pub fn more(self, filter: &Filter, limit: Option<usize>) {
        if let Some(fetch) = self.list.try_update(|list| list.more(filter, limit)).flatten() {
            self.fetch(fetch);
        }
    }

    /// "Search all months": fetches every month of the archive not read yet.
    pub fn load_all_months(self) {
        for fetch in self.list.try_update(NewsList::request_all_months).unwrap_or_default() {
            self.fetch(fetch);
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn fetch_source(self, url: String, polled: bool) {
        spawn_local(async move {
            let result = fetch_any(&url).await;
            // Reading the feed and showing it are two tasks on the host's main thread.
            yield_to_host().await;
            // The answer counts as a poll's (before the list's update: this arms a timer).
            if let Ok(fetched) = &result {
                self.loaded_for_polls(fetched.last_answer(), fetched.max_age);
            }
            let _ = self.list.try_update(|list| match result {
                Ok(Fetched { file: NewsFile::ArchiveIndex(index), base, .. }) => list.index_loaded(index, &base),
                Ok(Fetched { file: NewsFile::Feed(parsed), .. }) => {
                    for problem in &parsed.problems {
                        leptos::logging::warn!("Datelines: {url}: {problem}");
                    }
                    // A poll's load (after a failed first load) out of view renders its news
                    // when the widget is seen.
                    if !polled || self.seen() {
                        list.feed_loaded(parsed);
                    } else {
                        self.pending.set(Pending::compare(&[], parsed));
                    }
                }
                Err(e) => {
                    leptos::logging::warn!(
                        "Datelines: {}: {}",
                        e.headline(&crate::i18n::EN),
                        e.detail(&crate::i18n::EN)
                    );
                    list.load_failed(e);
                }
            });
        });
    }

    /// Fetches feeds of several at once (their places and addresses), and shows the list when
    /// they have settled, or after [`FEED_TIMEOUT_MS`] with those that have.
    #[cfg(target_arch = "wasm32")]
    fn fetch_several(self, fetches: Vec<(usize, String)>) {
        if fetches.is_empty() {
            return;
        }
        let round = self.round.try_update_value(|r| {
            *r += 1;
            *r
        });
        for (index, url) in fetches {
            spawn_local(async move {
                let result = fetch_any(&url).await.and_then(|fetched| {
                    let last = fetched.last_answer();
                    match fetched.file {
                        NewsFile::Feed(parsed) => Ok((parsed, last)),
                        NewsFile::ArchiveIndex(_) => Err(FetchError::Content {
                            url: url.clone(),
                            error: crate::formats::LoadError::WrongShape("an archive index among several feeds".into()),
                        }),
                    }
                });
                // An answer from an earlier round (a feed that timed out, then was retried or
                // refreshed) is not this round's.
                if self.round.try_get_value() != round {
                    return;
                }
                let settled = self.sources.try_update(|s| {
                    let Some(s) = s else { return false };
                    let before = s.is_settled();
                    match result {
                        Ok((parsed, last)) => {
                            self.poll.try_update_value(|p| p.remember(index, last));
                            s.read(index, parsed)
                        }
                        Err(e) => s.failed(index, e),
                    }
                    !before && s.is_settled()
                });
                if settled == Some(true) {
                    self.show_sources();
                }
            });
        }
        leptos::prelude::set_timeout(
            move || {
                if self.round.try_get_value() != round {
                    return;
                }
                let timed_out = self.sources.try_update(|s| {
                    let Some(s) = s else { return false };
                    let before = s.is_settled();
                    s.time_out();
                    !before
                });
                if timed_out == Some(true) {
                    self.show_sources();
                }
            },
            std::time::Duration::from_millis(FEED_TIMEOUT_MS),
        );
    }

    /// Polls the feeds every `interval` seconds (±10%) while the page is seen.
    #[cfg(target_arch = "wasm32")]
    pub fn start_polling(self, interval: f64) {
        let urls = self.given_urls();
        if urls.is_empty() {
            return;
        }
        self.clear_timer();
        let Some(started) = self.poll.try_update_value(|p| p.start(interval, jitter())) else {
            return;
        };
        if !started.was_polling {
            urls.iter().for_each(|url| join_polls(url));
        }
        self.arm(started.generation, started.wait);
    }

    #[cfg(target_arch = "wasm32")]
    pub fn stop_polling(self) {
        self.clear_timer();
        let was_polling = self.poll.try_update_value(PollState::stop);
        if was_polling == Some(true) {
            self.given_urls().iter().for_each(|url| leave_polls(url));
        }
        self.stale_since.try_set(None);
    }

    #[cfg(target_arch = "wasm32")]
    fn clear_timer(self) {
        self.poll.try_update_value(PollState::drop_timer);
        if let Some(timer) = self.timer.try_get_value() {
            if let Some(handle) = timer.lock().ok().and_then(|mut t| t.take()) {
                handle.clear();
            }
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn arm(self, generation: u32, seconds: f64) {
        let Some(token) = self.poll.try_update_value(PollState::new_timer) else {
            return;
        };
        let poll = move || {
            if self.poll.try_with_value(|p| p.fires(token, generation)) != Some(true) {
                return;
            }
            // No request while the page is hidden: one check when it is seen again.
            if document().hidden() {
                self.poll.try_update_value(PollState::fell_due_hidden);
            } else {
                self.poll_now(generation);
            }
        };
        // Whole milliseconds: `Duration::from_secs_f64` can panic, and `f64::clamp`'s message
        // would bring float formatting into the wasm.
        // A browser timer holds at most i32::MAX ms (about 24 days): more throws.
        let millis = ((seconds.max(0.0) * 1000.0) as u64).min(i32::MAX as u64);
        let wait = std::time::Duration::from_millis(millis);
        if let (Ok(handle), Some(timer)) = (set_timeout_with_handle(poll, wait), self.timer.try_get_value()) {
            if let Ok(mut slot) = timer.lock() {
                *slot = Some(handle);
            }
        }
    }

    /// The first load's answer counts as a poll's: polls ask the address it came from, with its
    /// validators, no sooner than its `max-age`, and the list was up to date when it came.
    #[cfg(target_arch = "wasm32")]
    fn loaded_for_polls(self, last: LastAnswer, max_age: Option<f64>) {
        let now = crate::ui::reader_clock().unix_seconds;
        let next = self.poll.try_update_value(|p| {
            p.remember(0, last);
            let generation = p.generation();
            p.answered(generation, Answer::Fresh { max_age }, now, 0.0, jitter()).map(|wait| (generation, wait))
        });
        self.stale_since.try_set(None);
        if let Some((generation, wait)) = next.flatten() {
            self.clear_timer();
            self.arm(generation, wait);
        }
    }

    /// The page is seen again: one check at once if a poll fell due while it was hidden.
    #[cfg(target_arch = "wasm32")]
    pub fn on_visible(self) {
        if document().hidden() {
            return;
        }
        let due = self.poll.try_update_value(PollState::take_due).flatten();
        if let Some(generation) = due {
            self.poll_now(generation);
        }
    }

    /// "Retry" on the notice after failed polls: ask now.
    #[cfg(target_arch = "wasm32")]
    pub fn poll_again(self) {
        self.clear_timer();
        if let Some(generation) = self.poll.try_with_value(PollState::generation) {
            self.poll_now(generation);
        }
    }

    /// One poll: each feed is asked with its own last answer, at once; when all have answered,
    /// what changed waits behind the button (or shows, when no list is shown) and the next
    /// poll is armed.
    #[cfg(target_arch = "wasm32")]
    fn poll_now(self, generation: u32) {
        let urls = self.given_urls();
        let several = urls.len() > 1;
        // Until a first load of a single feed has succeeded, a poll loads the source as the
        // first load does (a web page is followed to its feed); a success arms the next poll.
        if !several && self.poll.try_with_value(PollState::has_first_answer) == Some(false) {
            self.load_as(true);
            let now = crate::ui::reader_clock().unix_seconds;
            let failed = Answer::Failed { retry_after: None };
            if let Some(Some(wait)) = self.poll.try_update_value(|p| p.answered(generation, failed, now, 0.0, jitter()))
            {
                self.arm(generation, wait);
            }
            return;
        }
        // Widgets whose polls fall due within half an interval of each other share one request.
        let Some(window) = self.poll.try_with_value(PollState::share_window) else {
            return;
        };
        let round = std::rc::Rc::new(std::cell::RefCell::new((Round::new(urls.len()), Vec::new())));
        for (index, key) in urls.into_iter().enumerate() {
            let Some(last) = self.poll.try_with_value(|p| p.ask(index, &key)) else { return };
            let round = std::rc::Rc::clone(&round);
            spawn_local(async move {
                let (result, age) = poll(&key, &last, window).await;
                if self.poll.try_with_value(PollState::generation) != Some(generation) {
                    return;
                }
                let mut round = round.borrow_mut();
                let answer = match result {
                    Ok(Polled::Unchanged { max_age, validators }) => {
                        if let Some(validators) = validators {
                            self.poll.update_value(|p| p.remember(index, LastAnswer { validators, ..last }));
                        }
                        Answer::Fresh { max_age }
                    }
                    // An archive's index is polled alone; among several feeds it is no feed.
                    Ok(Polled::Fresh { file: NewsFile::ArchiveIndex(_), last, .. }) if several => {
                        leptos::logging::warn!("Datelines: {}: an archive index among several feeds", last.address);
                        Answer::Failed { retry_after: None }
                    }
                    Ok(Polled::Fresh { file, last, max_age }) => {
                        let base = last.address.clone();
                        self.poll.update_value(|p| p.remember(index, last));
                        round.1.push((index, file, base));
                        Answer::Fresh { max_age }
                    }
                    Err(failure) => {
                        leptos::logging::warn!(
                            "Datelines: {}: {}",
                            failure.error.headline(&crate::i18n::EN),
                            failure.error.detail(&crate::i18n::EN)
                        );
                        Answer::Failed { retry_after: failure.retry_after }
                    }
                };
                let Some((answer, age)) = round.0.add(answer, age) else { return };
                let fresh = std::mem::take(&mut round.1);
                drop(round);
                self.round_done(generation, several, fresh, answer, age);
            });
        }
    }

    /// Every feed of a poll has answered: news that changed waits behind the button, and the
    /// next poll is armed.
    #[cfg(target_arch = "wasm32")]
    fn round_done(
        self,
        generation: u32,
        several: bool,
        mut fresh: Vec<(usize, NewsFile, String)>,
        answer: Answer,
        age: f64,
    ) {
        if several && !fresh.is_empty() {
            let merged = self.sources.try_update(|s| {
                let s = s.as_mut()?;
                for (index, file, _) in fresh {
                    if let NewsFile::Feed(parsed) = file {
                        s.refreshed(index, parsed);
                    }
                }
                s.merged()
            });
            if let Some(parsed) = merged.flatten() {
                self.fresh(parsed);
            }
        } else {
            match fresh.pop() {
                Some((_, NewsFile::Feed(parsed), _)) => self.fresh(parsed),
                Some((_, NewsFile::ArchiveIndex(index), base)) => self.fresh_index(index, base),
                None => {}
            }
        }
        let now = crate::ui::reader_clock().unix_seconds;
        let next = self
            .poll
            .try_update_value(|p| p.answered(generation, answer, now, age, jitter()).map(|w| (w, p.stale_since())));
        if let Some((wait, stale)) = next.flatten() {
            self.stale_since.set(stale);
            self.arm(generation, wait);
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn fetch(self, MonthFetch { month, url }: MonthFetch) {
        spawn_local(async move {
            let result = fetch_feed(&url).await;
            let _ = self.list.try_update(|list| match result {
                Ok(parsed) => list.month_loaded(month, parsed),
                Err(e) => list.month_failed(month, e),
            });
            // An archive update shown: focus goes to its first new entry once it is here.
            let arrived = self.list.try_with_untracked(|list| {
                self.before_update.try_with_value(|known| {
                    known.as_ref().and_then(|known| known.first_new(list.items())).map(str::to_string)
                })
            });
            if let Some(id) = arrived.flatten().flatten() {
                self.before_update.set_value(None);
                self.arrived.set(Some(id));
            }
        });
    }

    // Natively (rendering HTML at build time or in `datelines-cli render`) only news already in
    // hand is shown: nothing is fetched, and a fetch asked for is reported as not made.
    #[cfg(not(target_arch = "wasm32"))]
    fn fetch_source(self, url: String, _polled: bool) {
        self.list.update(|list| list.load_failed(FetchError::Network { url }));
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn fetch_several(self, fetches: Vec<(usize, String)>) {
        let _ = self.sources.try_update(|s| {
            for (index, url) in fetches {
                if let Some(s) = s {
                    s.failed(index, FetchError::Network { url });
                }
            }
        });
        self.show_sources();
    }

    /// Polling needs the browser; natively nothing is fetched.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn poll_again(self) {}

    #[cfg(not(target_arch = "wasm32"))]
    fn fetch(self, MonthFetch { month, url }: MonthFetch) {
        self.list.update(|list| list.month_failed(month, FetchError::Network { url }));
    }
}

/// The news list with its data: loads the source, shows loading, errors and skipped entries,
/// and keeps the last good list on screen when a refresh fails.
#[component]
pub fn NewsApp(
    /// Where to read the news from.
    source: Source,
    /// The reader's month filter and open card.
    state: RwSignal<ViewState>,
    /// Turns a view state into a link target.
    href_for: Callback<ViewState, String>,
    /// Paging, "More news" link, search box (see `ListView`).
    #[prop(optional)]
    options: ListOptions,
) -> impl IntoView {
    let language = use_language();
    let news = Loader::new(source);
    news.load();
    let list = news.list;
    let shown = Memo::new(move |_| list.with(NewsList::is_shown));
    let loading = Memo::new(move |_| list.with(NewsList::is_loading));
    let error = Memo::new(move |_| list.with(|l| l.error().cloned()));
    let problems = Memo::new(move |_| list.with(|l| l.problems().to_vec()));
    // A sharded archive: fetch the month the reader's filter needs (this syncs the network
    // with the filter; the model says which month, if any).
    let month = Memo::new(move |_| state.with(|s| s.month.month()));
    Effect::new(move |_| {
        if let Some(wanted) = list.with(|l| l.month_to_fetch(month.get())) {
            news.fetch_month(wanted);
        }
    });
    // Polling (`refresh`) syncs the network with the page's visibility and the host's setting:
    // the Loader and `poll` decide; this starts, stops and wakes it.
    #[cfg(target_arch = "wasm32")]
    {
        let refresh = options.refresh;
        Effect::new(move |_| match crate::poll::parse_refresh(refresh.get().as_deref()) {
            Some(interval) => news.start_polling(interval),
            None => news.stop_polling(),
        });
        let visible = window_event_listener(leptos::ev::visibilitychange, move |_| news.on_visible());
        // A widget scrolled back into view shows the news a poll brought while no list was
        // shown (the loader's IntersectionObserver tells it, through `Widget::set_in_view`).
        if let Some(in_view) = news.in_view {
            Effect::new(move |_| {
                if in_view.get() && !list.with_untracked(NewsList::is_shown) {
                    news.show_pending();
                }
            });
        }
        on_cleanup(move || {
            visible.remove();
            news.stop_polling();
        });
        // The standalone page's title says how many new entries wait.
        if let Some(super::PageTitle(title)) = use_context::<super::PageTitle>() {
            Effect::new(move |_| {
                let waiting = news.pending.with(|p| p.as_ref().map_or(0, |p| p.new));
                let shown = if waiting > 0 { format!("({waiting}) {title}") } else { title.clone() };
                document().set_title(&shown);
            });
        }
    }
    let retry = Callback::new(move |()| news.load());
    let retry_feeds = Callback::new(move |()| news.retry_failed_feeds());
    let failed_feeds = Memo::new(move |_| {
        news.sources.with(|s| s.as_ref().filter(|s| s.is_settled()).map(Sources::failures).unwrap_or_default())
    });

    view! {
        // Until a list is shown, the page still has its heading.
        // Every part reads `language`, so a new language shows it again, with the same news.
        {move || (!shown.get()).then(|| {
            let t = language.get();
            let heading = options.look.with(|l| l.heading.clone());
            let class = if heading == Heading::Hidden { "dl-header dl-visually-hidden" } else { "dl-header" };
            let text = move || match &heading {
                Heading::Text(text) => text.clone(),
                _ => list.with(|l| l.heading(t).to_string()),
            };
            view! {
                <header class=class part="header">
                    <h1 class="dl-heading" part="heading">{text}</h1>
                </header>
            }
        })}
        {move || {
            language.track();
            error.get().map(|e| view! { <ErrorCard error=e on_retry=retry retrying=loading/> })
        }}
        {move || {
            let t = language.get();
            // A new look (a host's attribute) builds the list again, with the same news.
            let refresh = options.look.with(|l| l.controls.refresh);
            if shown.get() {
                view! {
                    {move || view! { <SkippedNotice problems=problems.get()/> }}
                    {move || {
                        let failures = failed_feeds.get();
                        (!failures.is_empty()).then(|| view! { <FeedErrors failures on_retry=retry_feeds/> })
                    }}
                    {(news.is_fetched() && refresh).then(|| view! {
                        <div class="dl-toolbar">
                            <button type="button" class="dl-button dl-refresh" disabled=loading on:click=move |_| news.load()>
                                {move || if loading.get() { t.refreshing } else { t.refresh }}
                            </button>
                        </div>
                    })}
                    <ListView news state href_for options/>
                }
                .into_any()
            } else if loading.get() {
                view! { <LoadingList rows=super::loading_rows(options.limit.get())/> }.into_any()
            } else {
                ().into_any()
            }
        }}
    }
}
