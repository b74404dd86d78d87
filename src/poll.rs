//! Keeping a list fresh on a page left open: when to ask the feed again, with which validators,
//! and how long to wait after a failure. Plain functions of time and answers; the browser's side
//! (timers, fetch, visibility) lives in `ui::news_app` and only follows what these say.

use crate::presentation::parse_duration;

/// The shortest interval a host may ask for, in seconds.
pub const MIN_INTERVAL: f64 = 30.0;
/// The longest wait after failures, in seconds.
pub const MAX_BACKOFF: f64 = 3_600.0;
/// The longest wait a server's `max-age` or `Retry-After` can ask for, and the longest
/// interval: a day (a browser timer cannot hold more than about 24 days).
pub const MAX_WAIT: f64 = 86_400.0;
/// Failures in a row after which the reader is told when the list was last updated.
pub const FAILURES_BEFORE_NOTICE: u32 = 3;

/// `refresh="5m"` / `?refresh=5m` as seconds: units `s`, `m`, `h` (and `d`); at least
/// [`MIN_INTERVAL`]. Absent, `off`, `0` or unreadable: `None`, no polling (the default).
#[allow(clippy::manual_clamp)] // f64::clamp would bring float formatting into the wasm (see `spread`)
pub fn parse_refresh(value: Option<&str>) -> Option<f64> {
    let seconds = parse_duration(value?)?;
    Some((seconds as f64).max(MIN_INTERVAL).min(MAX_WAIT))
}

/// What the last good answer said about itself, sent back on the next request so that an
/// unchanged feed costs a 304 and no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    /// From a response's `ETag` and `Last-Modified` headers.
    pub fn from_headers(etag: Option<String>, last_modified: Option<String>) -> Validators {
        let keep = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Validators { etag: keep(etag), last_modified: keep(last_modified) }
    }

    /// The request headers that ask "has it changed?": `If-None-Match` and `If-Modified-Since`.
    pub fn request_headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = Vec::new();
        if let Some(etag) = &self.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(date) = &self.last_modified {
            headers.push(("If-Modified-Since", date.as_str()));
        }
        headers
    }
}

/// How a poll went, as far as the schedule cares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// A 200 or a 304. `max_age`: the response's `Cache-Control: max-age`, in seconds.
    Fresh { max_age: Option<f64> },
    /// No answer, an error status, or a body that is not a feed. `retry_after`: the 429's or
    /// 503's `Retry-After`, in seconds.
    Failed { retry_after: Option<f64> },
}

/// When to poll next. `interval` is the host's; `failures` counts failures in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub interval: f64,
    pub failures: u32,
    /// The wait chosen after the last failure (0 after a success).
    last_backoff: f64,
}

impl Schedule {
    pub fn new(interval: f64) -> Schedule {
        Schedule { interval: interval.max(MIN_INTERVAL), failures: 0, last_backoff: 0.0 }
    }

    /// The first poll's wait, `jitter` in −1..=1 (spread by ±10%).
    pub fn first_wait(&self, jitter: f64) -> f64 {
        self.interval * spread(jitter)
    }

    /// The wait in seconds before the next poll after `answer`, with `jitter` in −1..=1 (a
    /// random number: pages opened together do not stay in step).
    ///
    /// - After a good answer: the interval ±10%, and never sooner than its `max-age` allows.
    /// - After failures: the interval doubled per failure in a row, up to an hour, ±10% of
    ///   it; never shorter than the interval or than the wait before it; at least the
    ///   `Retry-After` the server asked for.
    pub fn next_wait(&mut self, answer: Answer, jitter: f64) -> f64 {
        let spread = spread(jitter);
        match answer {
            Answer::Fresh { max_age } => {
                self.failures = 0;
                self.last_backoff = 0.0;
                let wait = self.interval * spread;
                wait.max(max_age.unwrap_or(0.0).min(MAX_WAIT))
            }
            Answer::Failed { retry_after } => {
                self.failures = self.failures.saturating_add(1);
                let doubled = self.interval * 2f64.powi(self.failures.min(20) as i32);
                let wait = (doubled.min(MAX_BACKOFF) * spread).min(MAX_BACKOFF).max(self.interval);
                let wait = wait.max(self.last_backoff).max(retry_after.unwrap_or(0.0).min(MAX_WAIT));
                self.last_backoff = wait;
                wait
            }
        }
    }

    /// True after [`FAILURES_BEFORE_NOTICE`] failures in a row: the reader is told when the
    /// list was last updated.
    pub fn needs_notice(&self) -> bool {
        self.failures >= FAILURES_BEFORE_NOTICE
    }
}

/// What one feed's last good answer said about itself: the address it came from (after
/// redirects, and the page that announced it), its validators and its body's fingerprint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LastAnswer {
    pub address: String,
    pub validators: Validators,
    pub fingerprint: Option<u64>,
}

/// A poller's memory between answers: its schedule, each feed's last answer, whether a poll
/// fell due while the page was hidden, and when the list was last brought up to date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PollState {
    /// `None` while not polling.
    schedule: Option<Schedule>,
    /// Each feed's last good answer, in the order of the list's feeds (`None`: none yet).
    feeds: Vec<Option<LastAnswer>>,
    /// A poll fell due while the page was hidden: one check when it is seen again.
    due: bool,
    /// Bumped on every start and stop, so a timer or an answer of an earlier run is ignored.
    generation: u32,
    /// Bumped whenever a timer is set or dropped: only the latest timer may poll. (Cleared
    /// timers are also cancelled, but a cancel can miss: Playwright's fake clock gives ids past
    /// what wasm-bindgen's `i32` handle holds.)
    timer: u32,
    /// When the last good answer came (seconds since 1970).
    last_success: Option<i64>,
}

/// How a poller starts: its run, the wait before its first poll, and whether it was already
/// polling (so it has joined the page's shared polls already).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Started {
    pub generation: u32,
    pub wait: f64,
    pub was_polling: bool,
}

impl PollState {
    /// Starts (or restarts) polling every `interval` seconds: the run, and the first wait
    /// (spread by `jitter`, in −1..=1).
    pub fn start(&mut self, interval: f64, jitter: f64) -> Started {
        let was_polling = self.schedule.is_some();
        self.generation = self.generation.wrapping_add(1);
        let schedule = Schedule::new(interval);
        let wait = schedule.first_wait(jitter);
        self.schedule = Some(schedule);
        self.due = false;
        Started { generation: self.generation, wait, was_polling }
    }

    /// Stops polling; true when it was polling (so it leaves the page's shared polls).
    pub fn stop(&mut self) -> bool {
        let was_polling = self.schedule.is_some();
        self.generation = self.generation.wrapping_add(1);
        self.schedule = None;
        self.due = false;
        was_polling
    }

    /// The current run.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// A new timer is set: its token. Any earlier timer's token no longer polls.
    pub fn new_timer(&mut self) -> u32 {
        self.timer = self.timer.wrapping_add(1);
        self.timer
    }

    /// The timer is dropped: no token polls until a new timer is set.
    pub fn drop_timer(&mut self) {
        self.timer = self.timer.wrapping_add(1);
    }

    /// Whether the timer with `token`, set in run `generation`, polls when it fires: only the
    /// latest timer, of the current run, while polling.
    pub fn fires(&self, token: u32, generation: u32) -> bool {
        self.timer == token && self.generation == generation && self.schedule.is_some()
    }

    /// A poll fell due while the page was hidden: one check when it is seen again.
    pub fn fell_due_hidden(&mut self) {
        self.due = true;
    }

    /// The page is seen again: the run to check now, once, if a poll fell due meanwhile.
    pub fn take_due(&mut self) -> Option<u32> {
        std::mem::take(&mut self.due).then_some(self.generation)
    }

    /// Whether the first feed has had a good answer (until then a poll loads the source as the
    /// first load does).
    pub fn has_first_answer(&self) -> bool {
        self.feeds.first().is_some_and(Option::is_some)
    }

    /// How far apart (seconds) widgets' polls may fall due and still share one request: half
    /// an interval; none while not polling.
    pub fn share_window(&self) -> f64 {
        self.schedule.as_ref().map_or(0.0, |s| s.interval / 2.0)
    }

    /// Records an answer of run `generation` at `now` (seconds since 1970), given `age`
    /// seconds ago (an answer another widget's request brought): the wait before the next poll,
    /// counted from the answer, or `None` when the run is over (stopped, or restarted since).
    pub fn answered(&mut self, generation: u32, answer: Answer, now: i64, age: f64, jitter: f64) -> Option<f64> {
        if generation != self.generation {
            return None;
        }
        if let Answer::Fresh { .. } = answer {
            self.last_success = Some(now);
        }
        self.schedule.as_mut().map(|s| (s.next_wait(answer, jitter) - age).max(0.0))
    }

    /// Feed `index`'s last good answer, kept for its next poll.
    pub fn remember(&mut self, index: usize, last: LastAnswer) {
        if self.feeds.len() <= index {
            self.feeds.resize(index + 1, None);
        }
        self.feeds[index] = Some(last);
    }

    /// What a poll sends feed `index`, given at `given`: the address its last answer came
    /// from, its validators and fingerprint (or the given address and nothing, before any).
    pub fn ask(&self, index: usize, given: &str) -> LastAnswer {
        let last = self.feeds.get(index).and_then(Option::as_ref);
        last.cloned().unwrap_or_else(|| LastAnswer { address: given.to_string(), ..LastAnswer::default() })
    }

    /// When the list was last updated, once failures in a row call for the notice.
    pub fn stale_since(&self) -> Option<i64> {
        self.schedule.as_ref().filter(|s| s.needs_notice()).and(self.last_success)
    }
}

/// One poll of a list's feeds, asked at once: the answers so far, and the oldest answer's age.
/// When every feed has answered it says how the poll went as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    expected: usize,
    answers: Vec<Answer>,
    age: f64,
}

impl Round {
    pub fn new(feeds: usize) -> Round {
        Round { expected: feeds, answers: Vec::new(), age: 0.0 }
    }

    /// A feed answered, `age` seconds ago. Once every feed has: the poll's answer and age.
    ///
    /// The list was brought up to date if any feed answered (a feed that failed keeps its last
    /// good entries), no sooner than the longest `max-age` allows. When all failed: the
    /// longest `Retry-After`.
    pub fn add(&mut self, answer: Answer, age: f64) -> Option<(Answer, f64)> {
        self.answers.push(answer);
        self.age = self.age.max(age);
        if self.answers.len() < self.expected {
            return None;
        }
        let longest = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let mut fresh = None;
        let mut retry = None;
        for answer in &self.answers {
            match *answer {
                Answer::Fresh { max_age } => fresh = Some(longest(fresh.flatten(), max_age)),
                Answer::Failed { retry_after } => retry = longest(retry, retry_after),
            }
        }
        let answer = match fresh {
            Some(max_age) => Answer::Fresh { max_age },
            None => Answer::Failed { retry_after: retry },
        };
        Some((answer, self.age))
    }
}

/// 1 ± 10% for a `jitter` in −1..=1. `min`/`max` rather than `f64::clamp`, whose panic message
/// would bring float formatting into the wasm (about 6 KB gzipped).
#[allow(clippy::manual_clamp)]
fn spread(jitter: f64) -> f64 {
    1.0 + 0.1 * jitter.max(-1.0).min(1.0)
}

/// `Cache-Control: max-age=N` in seconds (`no-cache`, `no-store` or none: `None`).
pub fn max_age(cache_control: Option<&str>) -> Option<f64> {
    cache_control?
        .split(',')
        .find_map(|directive| {
            let (name, value) = directive.trim().split_once('=')?;
            name.trim().eq_ignore_ascii_case("max-age").then(|| value.trim().trim_matches('"').parse::<usize>().ok())?
        })
        .map(|s| s as f64)
}

/// `Retry-After` in seconds from `now_unix`: a number of seconds, or an HTTP date.
pub fn retry_after(value: Option<&str>, now_unix: i64) -> Option<f64> {
    let value = value?.trim();
    if let Ok(seconds) = value.parse::<usize>() {
        return Some(seconds as f64);
    }
    let day = crate::dates::ItemDate::parse(value).ok()?;
    let at = day.day()?.unix_seconds();
    Some((at - now_unix).max(0) as f64)
}

/// A cheap fingerprint of a response body: a 200 with the same bytes as the last one changes
/// nothing, and costs no parse. FNV-1a's steps over 8 bytes at a time rather than one: every
/// load computes it, and byte by byte it took 60 ms (natively) on the 45 MB of 100,000 entries,
/// 9.5 ms this way. Each step is a bijection of the running hash for a given word, so bodies of
/// the same length that differ in one word always differ; the length is mixed in last.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let step = |hash: u64, word: u64| (hash ^ word).wrapping_mul(PRIME).rotate_left(23);
    let mut words = bytes.chunks_exact(8);
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for word in &mut words {
        let mut le = [0; 8];
        le.copy_from_slice(word);
        hash = step(hash, u64::from_le_bytes(le));
    }
    let mut last = [0; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    hash = step(hash, u64::from_le_bytes(last));
    step(hash, bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_is_opt_in_with_a_30_second_floor() {
        assert_eq!(parse_refresh(None), None);
        assert_eq!(parse_refresh(Some("off")), None);
        assert_eq!(parse_refresh(Some("0")), None);
        assert_eq!(parse_refresh(Some("5m")), Some(300.0));
        assert_eq!(parse_refresh(Some("2h")), Some(7_200.0));
        assert_eq!(parse_refresh(Some("45s")), Some(45.0));
        assert_eq!(parse_refresh(Some("5s")), Some(30.0), "never more often than every 30 s");
        assert_eq!(parse_refresh(Some("30d")), Some(MAX_WAIT), "at least once a day");
    }

    #[test]
    fn validators_become_conditional_request_headers() {
        let v = Validators::from_headers(Some("\"abc\"".into()), Some("Wed, 19 Mar 2025 10:00:00 GMT".into()));
        assert_eq!(
            v.request_headers(),
            [("If-None-Match", "\"abc\""), ("If-Modified-Since", "Wed, 19 Mar 2025 10:00:00 GMT")]
        );
        assert!(Validators::from_headers(Some(" ".into()), None).request_headers().is_empty());
    }

    #[test]
    fn a_good_answer_waits_the_interval_with_jitter_and_respects_max_age() {
        let mut s = Schedule::new(300.0);
        assert_eq!(s.first_wait(0.0), 300.0);
        assert_eq!(s.next_wait(Answer::Fresh { max_age: None }, 1.0), 330.0);
        assert_eq!(s.next_wait(Answer::Fresh { max_age: None }, -1.0), 270.0);
        assert_eq!(s.next_wait(Answer::Fresh { max_age: Some(600.0) }, 0.0), 600.0, "never sooner than max-age");
        assert_eq!(s.next_wait(Answer::Fresh { max_age: Some(60.0) }, 0.0), 300.0);
        assert_eq!(Schedule::new(5.0).interval, 30.0);
    }

    #[test]
    fn failures_back_off_exponentially_never_shorter_up_to_an_hour() {
        let mut s = Schedule::new(60.0);
        let fail = Answer::Failed { retry_after: None };
        let mut waits = Vec::new();
        for jitter in [0.0, 1.0, -1.0, -1.0, 0.5, -1.0, 1.0, -1.0, 0.0] {
            waits.push(s.next_wait(fail, jitter));
        }
        assert_eq!(&waits[..3], [120.0, 264.0, 432.0]);
        assert!(waits.windows(2).all(|w| w[1] >= w[0]), "each wait at least the one before: {waits:?}");
        assert!(waits.iter().all(|&w| (60.0..=MAX_BACKOFF).contains(&w)), "{waits:?}");
        assert_eq!(*waits.last().unwrap(), MAX_BACKOFF, "capped at an hour");
        assert!(s.needs_notice());
        // A success starts over.
        assert_eq!(s.next_wait(Answer::Fresh { max_age: None }, 0.0), 60.0);
        assert!(!s.needs_notice());
        assert_eq!(s.next_wait(fail, -1.0), 108.0);
    }

    #[test]
    fn retry_after_is_honoured_and_the_notice_comes_after_three_failures() {
        let mut s = Schedule::new(30.0);
        assert_eq!(s.next_wait(Answer::Failed { retry_after: Some(900.0) }, 0.0), 900.0);
        assert!(!s.needs_notice());
        assert!(s.next_wait(Answer::Failed { retry_after: None }, 0.0) >= 900.0, "never shorter than before");
        s.next_wait(Answer::Failed { retry_after: None }, 0.0);
        assert!(s.needs_notice());
        assert_eq!(Schedule::new(30.0).next_wait(Answer::Failed { retry_after: Some(80_000.0) }, 0.0), 80_000.0);
        // A timer cannot wait for months: a day at most, whatever the server asks.
        assert_eq!(Schedule::new(30.0).next_wait(Answer::Failed { retry_after: Some(3e9) }, 0.0), MAX_WAIT);
        assert_eq!(Schedule::new(30.0).next_wait(Answer::Fresh { max_age: Some(31_536_000.0) }, 0.0), MAX_WAIT);
    }

    #[test]
    fn only_the_latest_timer_of_the_current_run_polls() {
        let mut state = PollState::default();
        let run = state.start(60.0, 0.0);
        assert_eq!((run.wait, run.was_polling), (60.0, false));
        let first = state.new_timer();
        assert!(state.fires(first, run.generation));
        let second = state.new_timer();
        assert!(!state.fires(first, run.generation), "an earlier timer whose cancel missed");
        assert!(state.fires(second, run.generation));
        state.drop_timer();
        assert!(!state.fires(second, run.generation), "a dropped timer");
        let third = state.new_timer();
        let again = state.start(30.0, 0.0);
        assert!(again.was_polling);
        assert!(!state.fires(third, run.generation), "a timer of the run before a restart");
        assert!(state.fires(third, again.generation));
        assert!(state.stop());
        assert!(!state.fires(third, again.generation), "stopped");
        assert!(!state.stop(), "stopping twice leaves the shared polls once");
    }

    #[test]
    fn a_poll_due_while_hidden_is_made_once_when_the_page_is_seen() {
        let mut state = PollState::default();
        let run = state.start(60.0, 0.0);
        assert_eq!(state.take_due(), None, "nothing fell due");
        state.fell_due_hidden();
        state.fell_due_hidden();
        assert_eq!(state.take_due(), Some(run.generation));
        assert_eq!(state.take_due(), None, "once");
        state.fell_due_hidden();
        state.stop();
        assert_eq!(state.take_due(), None, "a stop forgets it");
    }

    #[test]
    fn widgets_share_polls_within_half_an_interval_once_a_first_answer_came() {
        let mut state = PollState::default();
        assert_eq!(state.share_window(), 0.0, "not polling");
        state.start(300.0, 0.0);
        assert_eq!(state.share_window(), 150.0);
        assert!(!state.has_first_answer());
        state.remember(1, LastAnswer::default());
        assert!(!state.has_first_answer(), "the second feed's answer is not the first's");
        state.remember(0, LastAnswer::default());
        assert!(state.has_first_answer());
    }

    #[test]
    fn a_poll_state_ignores_answers_of_an_earlier_run_and_tells_when_it_went_stale() {
        let mut state = PollState::default();
        let first = state.start(60.0, 0.0).generation;
        let second = state.start(120.0, 0.0).generation;
        assert_eq!(state.answered(first, Answer::Fresh { max_age: None }, 1_000, 0.0, 0.0), None, "restarted since");
        assert_eq!(state.answered(second, Answer::Fresh { max_age: None }, 1_000, 0.0, 0.0), Some(120.0));
        let fail = Answer::Failed { retry_after: None };
        state.answered(second, fail, 1_100, 0.0, 0.0);
        state.answered(second, fail, 1_200, 0.0, 0.0);
        assert_eq!(state.stale_since(), None, "two failures: no notice yet");
        state.answered(second, fail, 1_300, 0.0, 0.0);
        assert_eq!(state.stale_since(), Some(1_000), "the last good answer's time");
        state.answered(second, Answer::Fresh { max_age: None }, 1_400, 0.0, 0.0);
        assert_eq!(state.stale_since(), None);
        state.stop();
        assert_eq!(state.answered(second, Answer::Fresh { max_age: None }, 1_500, 0.0, 0.0), None, "stopped");
    }

    #[test]
    fn an_answer_another_widget_brought_counts_from_when_it_came() {
        let mut state = PollState::default();
        let run = state.start(300.0, 0.0).generation;
        let fresh = Answer::Fresh { max_age: None };
        assert_eq!(state.answered(run, fresh, 1_000, 40.0, 0.0), Some(260.0), "in step with the request made");
        assert_eq!(state.answered(run, fresh, 1_000, 900.0, 0.0), Some(0.0));
    }

    #[test]
    fn each_feed_is_asked_with_its_own_last_answer() {
        let mut state = PollState::default();
        let asked = state.ask(1, "b.xml");
        assert_eq!((asked.address.as_str(), asked.fingerprint), ("b.xml", None), "nothing known yet");
        assert!(asked.validators.request_headers().is_empty());
        let b = LastAnswer {
            address: "https://b.example/feed.xml".into(),
            validators: Validators::from_headers(Some("\"b1\"".into()), None),
            fingerprint: Some(7),
        };
        state.remember(1, b.clone());
        assert_eq!(state.ask(1, "b.xml"), b);
        assert_eq!(state.ask(0, "a.json").address, "a.json", "feed a still unknown");
        assert_eq!(state.feeds.len(), 2);
    }

    #[test]
    fn a_round_ends_when_every_feed_answered_and_one_good_answer_is_enough() {
        let fresh = |max_age| Answer::Fresh { max_age };
        let failed = |retry_after| Answer::Failed { retry_after };
        let mut round = Round::new(3);
        assert_eq!(round.add(fresh(Some(60.0)), 0.0), None);
        assert_eq!(round.add(failed(Some(900.0)), 12.0), None);
        assert_eq!(round.add(fresh(Some(600.0)), 0.0), Some((fresh(Some(600.0)), 12.0)), "the longest max-age");
        let mut round = Round::new(2);
        round.add(fresh(None), 0.0);
        assert_eq!(round.add(fresh(Some(30.0)), 0.0), Some((fresh(Some(30.0)), 0.0)));
        let mut round = Round::new(2);
        round.add(failed(None), 0.0);
        assert_eq!(round.add(failed(Some(120.0)), 0.0), Some((failed(Some(120.0)), 0.0)), "all failed");
        let mut one = Round::new(1);
        assert_eq!(one.add(failed(None), 3.0), Some((failed(None), 3.0)));
    }

    #[test]
    fn reads_max_age_and_retry_after() {
        assert_eq!(max_age(Some("public, max-age=600")), Some(600.0));
        assert_eq!(max_age(Some("MAX-AGE=\"60\", must-revalidate")), Some(60.0));
        assert_eq!(max_age(Some("no-cache")), None);
        assert_eq!(max_age(None), None);
        assert_eq!(retry_after(Some("120"), 0), Some(120.0));
        let now = crate::dates::ItemDate::parse("2025-03-19T10:00:00Z").unwrap().day().unwrap().unix_seconds();
        assert_eq!(retry_after(Some("Wed, 19 Mar 2025 10:05:00 GMT"), now), Some(300.0));
        assert_eq!(retry_after(Some("Wed, 19 Mar 2025 09:00:00 GMT"), now), Some(0.0));
        assert_eq!(retry_after(Some("soon"), now), None);
    }

    #[test]
    fn the_same_bytes_have_the_same_fingerprint() {
        assert_eq!(fingerprint(b"{\"items\":[]}"), fingerprint(b"{\"items\":[]}"));
        assert_ne!(fingerprint(b"{\"items\":[]}"), fingerprint(b"{\"items\":[1]}"));
        // Any one byte changed, at any place (in a whole word or in the last few bytes), and
        // trailing zero bytes, change it.
        let body: Vec<u8> = (0..37u8).map(|b| b.wrapping_mul(7)).collect();
        let mut seen = vec![fingerprint(&body)];
        for at in 0..body.len() {
            for flip in [1u8, 0x80] {
                let mut changed = body.clone();
                changed[at] ^= flip;
                seen.push(fingerprint(&changed));
            }
        }
        for zeros in 1..=8 {
            let mut longer = body.clone();
            longer.resize(body.len() + zeros, 0);
            seen.push(fingerprint(&longer));
        }
        seen.push(fingerprint(&[]));
        seen.push(fingerprint(&[0]));
        let count = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), count, "every body above has a fingerprint of its own");
    }
}
