//! What the news list shows, as plain data: the loaded feed, a sharded archive's months and
//! which of them are fetched, paging, skipped-entry problems, and the last error next to the
//! last good list.
//!
//! [`NewsList`] has one method per event (a feed or archive index loaded, a month loaded or
//! failed, "More news", refresh) and plain queries for the view (the groups to show, the
//! counts, the next month to fetch, whether "More news" shows). The Leptos components keep one
//! in a signal and only arrange what the queries return; `ui::news_app` runs the fetches the
//! events ask for. Everything here is tested natively.

use crate::dates::YearMonth;
use crate::formats::shards::ArchiveIndex;
use crate::formats::{LoadError, Parsed, Problem};
use crate::i18n::Strings;
use crate::model::NewsItem;
use crate::months::{group_by_month, month_index, MonthGroup};
use crate::search::{same_tag, Query};
use crate::url_state::ViewState;

/// Why the news (or one month of an archive) could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all: offline, DNS, a refused connection.
    Network { url: String },
    /// No answer within [`crate::sources::FEED_TIMEOUT_MS`] (one feed of several).
    TimedOut { url: String },
    /// No answer the page may read from another origin: most often its server does not allow
    /// this page to read it (CORS), though it may also be offline.
    CrossOrigin { url: String },
    /// The server answered with an error status.
    Http { url: String, status: u16, status_text: String },
    /// The answer was not a usable feed.
    Content { url: String, error: LoadError },
}

impl FetchError {
    /// A short headline for the error card, in language `t`.
    pub fn headline(&self, t: &'static Strings) -> &'static str {
        match self {
            FetchError::Network { .. } | FetchError::CrossOrigin { .. } | FetchError::TimedOut { .. } => {
                t.error_network
            }
            FetchError::Http { status: 404, .. } => t.error_not_found,
            FetchError::Http { .. } => t.error_server,
            FetchError::Content { error: LoadError::NotJson { .. }, .. } => t.error_not_json,
            FetchError::Content { error: LoadError::NotXml { .. }, .. } => t.error_not_xml,
            FetchError::Content { .. } => t.error_wrong_format,
        }
    }

    /// What went wrong, in plain words, in language `t`. The JSON reader's own reason and a
    /// wrong shape's description stay in English: they are for the file's editor.
    pub fn detail(&self, t: &Strings) -> String {
        match self {
            FetchError::Network { .. } => t.detail_network.into(),
            FetchError::TimedOut { .. } => t.detail_timeout.into(),
            FetchError::CrossOrigin { url } => {
                Strings::fill(t.detail_cross_origin, &[crate::urls::origin(url).unwrap_or(url)])
            }
            FetchError::Http { status, status_text, .. } => {
                let status =
                    if status_text.is_empty() { status.to_string() } else { format!("{status} {status_text}") };
                Strings::fill(t.detail_http, &[&status])
            }
            FetchError::Content { error: LoadError::NotJson { line, column, reason }, .. } => {
                Strings::fill(t.detail_not_json, &[reason, &line.to_string(), &column.to_string()])
            }
            FetchError::Content { error: LoadError::WrongShape(what), .. } => {
                Strings::fill(t.detail_wrong_shape, &[what])
            }
            FetchError::Content { error: LoadError::NotXml { line, column, reason }, .. } => {
                Strings::fill(t.detail_not_xml, &[reason, &line.to_string(), &column.to_string()])
            }
            FetchError::Content { error: LoadError::NotFeed(why), .. } => Strings::fill(t.detail_not_feed, &[why]),
            FetchError::Content { error: LoadError::WebPage { feeds }, .. } if feeds.is_empty() => {
                t.detail_no_feed.into()
            }
            FetchError::Content { error: LoadError::WebPage { feeds }, .. } => {
                Strings::fill(t.detail_not_feed, &[&format!("a web page that announces {}", feeds.join(", "))])
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            FetchError::Network { url }
            | FetchError::CrossOrigin { url }
            | FetchError::TimedOut { url }
            | FetchError::Http { url, .. }
            | FetchError::Content { url, .. } => url,
        }
    }
}

/// Where one month of a sharded archive stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStatus {
    /// Not asked for yet.
    NotFetched,
    /// Being fetched.
    Pending,
    /// Its entries are in the list.
    Fetched,
    /// The last fetch failed; asking for it again ("More news", choosing it, Retry) retries.
    Failed,
}

/// One month of a sharded archive, as the list knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveMonth {
    pub month: YearMonth,
    /// Entries in the month, as the archive's index says.
    pub count: usize,
    /// The month's file, made absolute against the index's address.
    pub url: Option<String>,
    pub status: MonthStatus,
}

/// A month's file to fetch, as an event returns it to whoever runs the fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFetch {
    pub month: YearMonth,
    pub url: String,
}

/// What the reader narrowed the list to: a month, a search and a topic, all at once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Filter {
    /// `None`: every month.
    pub month: Option<YearMonth>,
    pub query: Query,
    /// A tag; the entries that have it (compared without case or accents).
    pub tag: Option<String>,
}

impl Filter {
    /// Only a month (or none): no search, no topic.
    pub fn month(month: Option<YearMonth>) -> Filter {
        Filter { month, ..Filter::default() }
    }

    /// The filter a view state describes.
    pub fn of(state: &ViewState) -> Filter {
        Filter { month: state.month.month(), query: state.query(), tag: state.tag.clone() }
    }

    /// True when a search or a topic narrows the list (beyond a month).
    pub fn is_searching(&self) -> bool {
        !self.query.is_empty() || self.tag.is_some()
    }
}

/// A tag with how many entries under the current search and month have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub count: usize,
}

/// A month for the month control: its count under the current search and topic, or `None` for
/// a month of an archive not read yet (its entries were not searched).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthOption {
    pub month: YearMonth,
    pub count: Option<usize>,
}

/// How many batches of `limit` entries the reader has opened with "More news", and under which
/// filter. Any other filter starts at one batch, so paging resets in the same update that
/// changes the month, the search or the topic, with no second pass.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Paging {
    filter: Filter,
    batches: usize,
}

/// A month's file `src` as an archive's index at `base` names it: absolute, and safe to fetch.
pub fn shard_url(base: Option<&crate::urls::Base>, src: &str) -> Option<String> {
    match base {
        Some(base) => base.join(src).map(std::borrow::Cow::into_owned),
        None => crate::urls::safe_url(src),
    }
}

/// The list a reader sees and everything that decides it. See the module documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsList {
    /// The feed's (or archive's) own title; `None` shows the default in the reader's language.
    title: Option<String>,
    /// Every entry loaded so far, newest first.
    items: Vec<NewsItem>,
    /// `Some` when the source is a sharded archive: its months, newest first.
    archive: Option<Vec<ArchiveMonth>>,
    /// True once a feed, or an archive's first month, has arrived: there is a list to show.
    shown: bool,
    problems: Vec<Problem>,
    error: Option<FetchError>,
    /// True when `error` is a month's (it goes once the month loads), not the source's.
    month_error: bool,
    /// The source itself (a feed, or an archive's index) is being fetched.
    loading: bool,
    paging: Paging,
    /// Each entry's folded text for the search ([`crate::search::searchable`]), made by the
    /// first query that searches, once per set of entries: later key presses only compare.
    /// (A `OnceLock`, so the queries stay `&self`; emptied whenever the entries change.)
    search_text: std::sync::OnceLock<Vec<String>>,
    /// Counts the times the entries were replaced or reordered (not merely added to as a
    /// block), so a view keyed by entry positions knows to build its rows again.
    revision: u64,
}

impl Default for NewsList {
    fn default() -> Self {
        NewsList {
            title: None,
            items: Vec::new(),
            archive: None,
            shown: false,
            problems: Vec::new(),
            error: None,
            month_error: false,
            loading: false,
            paging: Paging { filter: Filter::default(), batches: 1 },
            search_text: std::sync::OnceLock::new(),
            revision: 0,
        }
    }
}

impl NewsList {
    /// A list with nothing loaded yet.
    pub fn new() -> Self {
        Self::default()
    }

    // ---- events ----

    /// The source is being fetched (the first load, Refresh or Retry). A month that failed
    /// becomes fetchable again.
    pub fn loading_started(&mut self) {
        self.loading = true;
        for month in self.archive.iter_mut().flatten() {
            if month.status == MonthStatus::Failed {
                month.status = MonthStatus::NotFetched;
            }
        }
    }

    /// A feed arrived: it replaces whatever was shown. The reader keeps their place in the
    /// paging.
    pub fn feed_loaded(&mut self, parsed: Parsed) {
        self.title = parsed.feed.title;
        self.items = parsed.feed.items;
        self.search_text = std::sync::OnceLock::new();
        self.revision += 1;
        self.problems = parsed.problems;
        self.archive = None;
        self.shown = true;
        self.error = None;
        self.loading = false;
    }

    /// A sharded archive's index arrived from `base`. Months already fetched stay in the list;
    /// the view then asks for the month it needs ([`NewsList::month_to_fetch`]).
    pub fn index_loaded(&mut self, index: ArchiveIndex, base: &str) {
        let before = self.archive.take().unwrap_or_default();
        let base = crate::urls::Base::parse(base);
        let mut months: Vec<ArchiveMonth> = Vec::with_capacity(index.months.len());
        for shard in index.months {
            // A month listed twice is read once (the first listing counts).
            if months.iter().any(|m| m.month == shard.month) {
                continue;
            }
            let url = shard_url(base.as_ref(), &shard.src);
            // A month already read stays read only if the index says the same about it;
            // otherwise (a refresh found more entries, or another file) it is read again.
            let unchanged =
                before.iter().find(|m| m.month == shard.month).filter(|m| m.count == shard.count && m.url == url);
            let status = match unchanged.map(|m| m.status) {
                Some(status @ (MonthStatus::Fetched | MonthStatus::Pending)) => status,
                _ => MonthStatus::NotFetched,
            };
            months.push(ArchiveMonth { month: shard.month, count: shard.count, url, status });
        }
        // Entries of months that are no longer read (changed, or gone from the index) leave.
        let kept: Vec<YearMonth> =
            months.iter().filter(|m| m.status != MonthStatus::NotFetched).map(|m| m.month).collect();
        let before_len = self.items.len();
        self.items.retain(|item| kept.contains(&item.date.year_month()));
        if self.items.len() != before_len {
            self.search_text = std::sync::OnceLock::new();
            self.revision += 1;
        }
        self.archive = Some(months);
        self.title = index.title;
        self.error = None;
        self.month_error = false;
        self.loading = false;
    }

    /// Marks `month` of the archive as being fetched and returns its file, unless it is
    /// fetched or pending already (or not in the archive).
    pub fn request_month(&mut self, month: YearMonth) -> Option<MonthFetch> {
        let entry = self.archive.as_mut()?.iter_mut().find(|m| m.month == month)?;
        if !matches!(entry.status, MonthStatus::NotFetched | MonthStatus::Failed) {
            return None;
        }
        match entry.url.clone() {
            Some(url) => {
                entry.status = MonthStatus::Pending;
                Some(MonthFetch { month, url })
            }
            None => {
                entry.status = MonthStatus::Failed;
                None
            }
        }
    }

    /// A month of the archive arrived: its entries join the list in date order. Entries of
    /// another month in its file stay with the month they are dated in.
    pub fn month_loaded(&mut self, month: YearMonth, parsed: Parsed) {
        let Some(entry) = self.archive.as_mut().and_then(|a| a.iter_mut().find(|m| m.month == month)) else { return };
        if entry.status == MonthStatus::Fetched {
            return;
        }
        entry.status = MonthStatus::Fetched;
        self.search_text = std::sync::OnceLock::new();
        let mut incoming = parsed.feed.items;
        let at = self.items.partition_point(|item| item.date.year_month() > month);
        let alone = self.items.get(at).is_none_or(|next| next.date.year_month() != month);
        if alone
            && incoming.iter().all(|item| item.date.year_month() == month)
            && incoming.is_sorted_by(|a, b| a.date >= b.date)
        {
            // The common case: one month's entries go in as one block (no re-sort of the rest).
            self.items.splice(at..at, incoming);
        } else {
            // Entries of this month came earlier in another month's file: merge, in date order,
            // and an entry already listed (same id) is not listed twice.
            incoming.retain(|item| !self.items.iter().any(|known| known.id == item.id));
            self.items.append(&mut incoming);
            crate::model::sort_newest_first(&mut self.items);
            self.revision += 1;
        }
        self.problems.extend(parsed.problems);
        self.shown = true;
        // A month's error goes once no month has failed; an error of the source stays.
        if self.month_error && !self.archive.iter().flatten().any(|m| m.status == MonthStatus::Failed) {
            self.error = None;
            self.month_error = false;
        }
    }

    /// A month of the archive could not be loaded: the error shows, the list stays.
    pub fn month_failed(&mut self, month: YearMonth, error: FetchError) {
        if let Some(entry) = self.archive.as_mut().and_then(|a| a.iter_mut().find(|m| m.month == month)) {
            entry.status = MonthStatus::Failed;
        }
        self.error = Some(error);
        self.month_error = true;
    }

    /// The source could not be loaded: the error shows above the last good list, if any.
    pub fn load_failed(&mut self, error: FetchError) {
        self.error = Some(error);
        self.month_error = false;
        self.loading = false;
    }

    /// "More news" under `filter`, `limit` entries per batch: opens one more batch. In an
    /// archive whose loaded entries are all open (all months, no search), returns the next month
    /// to fetch, already marked as pending.
    pub fn more(&mut self, filter: &Filter, limit: Option<usize>) -> Option<MonthFetch> {
        // A month on its way is the "more" already asked for: a second press waits for it.
        if self.archive.iter().flatten().any(|m| m.status == MonthStatus::Pending) {
            return None;
        }
        let loaded = self.loaded(filter);
        let open = self.visible(filter, limit);
        self.paging = Paging { filter: filter.clone(), batches: self.batches(filter).saturating_add(1) };
        if open >= loaded && filter.month.is_none() && !filter.is_searching() {
            let next = self.next_month()?;
            return self.request_month(next);
        }
        None
    }

    /// "Search all months" in an archive: every month not read yet, marked as pending.
    pub fn request_all_months(&mut self) -> Vec<MonthFetch> {
        let months: Vec<YearMonth> = self
            .archive
            .iter()
            .flatten()
            .filter(|m| matches!(m.status, MonthStatus::NotFetched | MonthStatus::Failed))
            .map(|m| m.month)
            .collect();
        months.into_iter().filter_map(|m| self.request_month(m)).collect()
    }

    // ---- queries ----

    /// The title as the data gives it.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The heading a reader sees (see [`crate::model::heading`]).
    pub fn heading<'a>(&'a self, lang: &'a Strings) -> &'a str {
        crate::model::heading(self.title.as_deref(), lang)
    }

    /// See the field: changes whenever loaded entries may have moved or changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when there is a list to show (otherwise the view shows loading or only the error).
    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// Every entry loaded so far, newest first.
    pub fn items(&self) -> &[NewsItem] {
        &self.items
    }

    pub fn item(&self, id: &str) -> Option<&NewsItem> {
        self.items.iter().find(|item| item.id == id)
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn error(&self) -> Option<&FetchError> {
        self.error.as_ref()
    }

    /// True while the source or any month is being fetched.
    pub fn is_loading(&self) -> bool {
        self.loading || self.archive.iter().flatten().any(|m| m.status == MonthStatus::Pending)
    }

    /// A sharded archive's months and where each stands; `None` for a plain feed.
    pub fn archive(&self) -> Option<&[ArchiveMonth]> {
        self.archive.as_deref()
    }

    /// The months for the month control, newest first, with counts under the search and topic
    /// of `filter` (its month aside). Without a search they are the archive index's counts, or
    /// the loaded entries'; while searching an archive, a month not read yet has no count.
    pub fn months(&self, filter: &Filter) -> Vec<MonthOption> {
        // Under a search or topic: the matching entries' own month index.
        let matching = filter.is_searching().then(|| {
            let all_months = Filter { month: None, ..filter.clone() };
            month_index(self.positions(&all_months).filter_map(|i| self.items.get(i)))
        });
        let count_of = |month: YearMonth, unfiltered: usize| match &matching {
            Some(counts) => counts.iter().find(|c| c.month == month).map_or(0, |c| c.count),
            None => unfiltered,
        };
        match &self.archive {
            Some(archive) => archive
                .iter()
                .map(|m| MonthOption {
                    month: m.month,
                    count: (!filter.is_searching() || m.status == MonthStatus::Fetched)
                        .then(|| count_of(m.month, m.count)),
                })
                .collect(),
            None => month_index(&self.items)
                .into_iter()
                .map(|c| MonthOption { month: c.month, count: Some(count_of(c.month, c.count)) })
                .collect(),
        }
    }

    /// The topics of the loaded entries with how many entries under the search and month of
    /// `filter` (its topic aside) have each, most used first (then alphabetically); topics with
    /// none left out.
    pub fn tags(&self, filter: &Filter) -> Vec<TagCount> {
        let mut counts: Vec<TagCount> = Vec::new();
        for item in self.positions(&Filter { tag: None, ..filter.clone() }).filter_map(|i| self.items.get(i)) {
            for tag in &item.tags {
                match counts.iter_mut().find(|c| same_tag(&c.tag, tag)) {
                    Some(c) => c.count += 1,
                    None => counts.push(TagCount { tag: tag.clone(), count: 1 }),
                }
            }
        }
        crate::search::insertion_sort(&mut counts, |a, b| {
            a.count < b.count || (a.count == b.count && crate::search::fold(&a.tag) > crate::search::fold(&b.tag))
        });
        counts
    }

    /// True when any loaded entry has a tag (the topic control shows only then).
    pub fn has_tags(&self) -> bool {
        self.items.iter().any(|item| !item.tags.is_empty())
    }

    /// Whether `item`, at `i` in [`NewsList::items`], has `filter`'s topic and matches its
    /// search (its month aside).
    fn matches(&self, filter: &Filter, i: usize, item: &NewsItem) -> bool {
        filter.tag.as_ref().is_none_or(|tag| item.tags.iter().any(|t| same_tag(t, tag)))
            && (filter.query.is_empty() || self.folded().get(i).is_some_and(|folded| filter.query.matches(folded)))
    }

    /// Each entry's text folded for the search, made once per set of entries.
    fn folded(&self) -> &[String] {
        self.search_text.get_or_init(|| self.items.iter().map(crate::search::searchable).collect())
    }

    /// Folds the entries' text for the search now rather than on the first search: the view
    /// calls it when the browser is idle after a load, so a reader's first key press only
    /// compares.
    pub fn prepare_search(&self) {
        self.folded();
    }

    /// Positions in [`NewsList::items`] of the entries `filter` keeps, newest first, lazily:
    /// the counts and the open batch need no list of all of them (100,000 entries would make
    /// an 800 KB vector per query, several per update).
    fn positions<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = usize> + 'a {
        self.items.iter().enumerate().filter(move |&(i, item)| self.keeps(filter, i, item)).map(|(i, _)| i)
    }

    /// Whether `filter` keeps the entry at position `i`.
    fn keeps(&self, filter: &Filter, i: usize, item: &NewsItem) -> bool {
        filter.month.is_none_or(|m| item.date.year_month() == m)
            && (!filter.is_searching() || self.matches(filter, i, item))
    }

    /// The `n`th entry under `filter` (from 0), newest first.
    pub fn nth(&self, filter: &Filter, n: usize) -> Option<&NewsItem> {
        self.positions(filter).nth(n).and_then(|i| self.items.get(i))
    }

    /// How many loaded entries `filter` keeps.
    fn loaded(&self, filter: &Filter) -> usize {
        match (filter.month, filter.is_searching()) {
            (None, false) => self.items.len(),
            _ => self.positions(filter).count(),
        }
    }

    /// How many entries are open under `filter`: `limit` per batch opened, all without a limit.
    pub fn visible(&self, filter: &Filter, limit: Option<usize>) -> usize {
        limit.map_or(usize::MAX, |l| l.max(1).saturating_mul(self.batches(filter)))
    }

    fn batches(&self, filter: &Filter) -> usize {
        if self.paging.filter == *filter {
            self.paging.batches
        } else {
            1
        }
    }

    /// The open entries under `filter`, in runs of the same month, for the month headings.
    pub fn groups(&self, filter: &Filter, limit: Option<usize>) -> Vec<MonthGroup> {
        let open: Vec<usize> = self.positions(filter).take(self.visible(filter, limit)).collect();
        group_by_month(&self.items, &open)
    }

    /// How many entries `filter` keeps: without a search, in an archive, the index's count
    /// (not every month has been fetched); with one, the loaded entries that match.
    pub fn total(&self, filter: &Filter) -> usize {
        match (&self.archive, filter.month) {
            (Some(_), _) if filter.is_searching() => self.loaded(filter),
            (Some(archive), Some(m)) => archive.iter().find(|a| a.month == m).map_or(0, |a| a.count),
            (Some(archive), None) => archive.iter().map(|a| a.count).sum(),
            (None, _) => self.loaded(filter),
        }
    }

    /// While `filter` searches an archive with months it covers not read yet: (months read,
    /// months in all), for "Searching 2 of 179 months". `None` without a search, for a plain
    /// feed, when every month has been read, or when the month chosen has been.
    pub fn searched_months(&self, filter: &Filter) -> Option<(usize, usize)> {
        let archive = self.archive.as_ref().filter(|_| filter.is_searching())?;
        let read = |m: &ArchiveMonth| m.status == MonthStatus::Fetched;
        if filter.month.is_some_and(|wanted| archive.iter().any(|m| m.month == wanted && read(m))) {
            return None;
        }
        let done = archive.iter().filter(|m| read(m)).count();
        (done < archive.len()).then_some((done, archive.len()))
    }

    /// True when "More news" shows: loaded entries are still closed, or (all months, no
    /// search) the archive has months not fetched yet.
    pub fn shows_more(&self, filter: &Filter, limit: Option<usize>) -> bool {
        let closed = self.positions(filter).nth(self.visible(filter, limit)).is_some();
        closed || (filter.month.is_none() && !filter.is_searching() && self.next_month().is_some())
    }

    /// True when nothing matches `filter` and nothing can: no entry loaded matches, and (without
    /// a search) the archive's index has none either. While searching an archive with months
    /// not read yet, see [`NewsList::searched_months`] before saying "no match".
    pub fn is_empty(&self, filter: &Filter) -> bool {
        self.total(filter) == 0 && self.positions(filter).next().is_none()
    }

    /// The month the view needs fetched now, if any: the chosen month of an archive, or with
    /// all months chosen and nothing loaded yet, the newest. A month that failed waits for the
    /// reader to ask again.
    pub fn month_to_fetch(&self, month: Option<YearMonth>) -> Option<YearMonth> {
        let archive = self.archive.as_ref()?;
        let fetchable = |m: &&ArchiveMonth| m.status == MonthStatus::NotFetched;
        match month {
            Some(wanted) => archive.iter().find(|m| m.month == wanted).filter(fetchable).map(|m| m.month),
            // All months: the newest month not read, when it belongs above everything listed
            // (nothing read yet, or a refresh found a newer or changed month at the top). One
            // that failed waits, and no older month is tried in its place; older months come
            // with "More news".
            None if !archive.iter().any(|m| m.status == MonthStatus::Pending) => archive
                .iter()
                .find(|m| m.status != MonthStatus::Fetched)
                .filter(fetchable)
                .filter(|m| self.items.first().is_none_or(|top| top.date.year_month() < m.month))
                .map(|m| m.month),
            None => None,
        }
    }

    /// The newest month of the archive not fetched (or failed), for "More news".
    pub fn next_month(&self) -> Option<YearMonth> {
        self.archive
            .iter()
            .flatten()
            .find(|m| m.url.is_some() && matches!(m.status, MonthStatus::NotFetched | MonthStatus::Failed))
            .map(|m| m.month)
    }

    /// The entries before and after `id` under `filter`, for the card's Previous and Next.
    pub fn neighbours(&self, filter: &Filter, id: &str) -> (Option<&NewsItem>, Option<&NewsItem>) {
        // Outward from the entry rather than over every entry the filter keeps: with 100,000
        // entries, listing them all made opening a card about 5 ms slower (bench/RESULTS.md).
        let kept = |&(i, item): &(usize, &NewsItem)| self.keeps(filter, i, item);
        let mut entries = self.items.iter().enumerate();
        let Some((at, _)) = entries.by_ref().find(|entry| entry.1.id == id && kept(entry)) else {
            return (None, None);
        };
        let after = entries.find(kept).map(|(_, item)| item);
        let before = self.items.iter().enumerate().take(at).rev().find(kept).map(|(_, item)| item);
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ItemDate;
    use crate::formats::shards::Shard;
    use crate::model::Feed;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    fn item(date: &str, id: &str) -> NewsItem {
        NewsItem::new(id.into(), ItemDate::parse(date).expect("date"), format!("Title {id}").into())
    }

    fn parsed(items: Vec<NewsItem>) -> Parsed {
        Parsed { feed: Feed::new(Some("Archive".into()), items), problems: Vec::new() }
    }

    fn f(month: Option<YearMonth>) -> Filter {
        Filter::month(month)
    }

    fn ids(list: &NewsList, filter: &Filter, limit: Option<usize>) -> Vec<String> {
        list.groups(filter, limit)
            .iter()
            .flat_map(|g| g.entries.iter().map(|&i| String::from(&list.items()[i].id)))
            .collect()
    }

    fn network(url: &str) -> FetchError {
        FetchError::Network { url: url.into() }
    }

    /// An archive of three months, newest first: March 2025 (2), February 2025 (3), December 2024 (1).
    fn archive() -> NewsList {
        let mut list = NewsList::new();
        list.loading_started();
        let shard = |month: &str, count| Shard { month: ym(month), count, src: format!("{month}.json") };
        let index =
            ArchiveIndex { title: None, months: vec![shard("2025-03", 2), shard("2025-02", 3), shard("2024-12", 1)] };
        list.index_loaded(index, "https://example.org/news/index.json");
        list
    }

    fn march() -> Parsed {
        parsed(vec![item("2025-03-02", "m2"), item("2025-03-19", "m1")])
    }

    fn february() -> Parsed {
        parsed(vec![item("2025-02-27", "f1"), item("2025-02-10", "f2"), item("2025-02-03", "f3")])
    }

    #[test]
    fn a_feed_shows_newest_first_in_batches_of_the_limit() {
        let mut list = NewsList::new();
        assert!(!list.is_shown());
        list.loading_started();
        assert!(list.is_loading());
        list.feed_loaded(parsed(vec![item("2025-02-03", "c"), item("2025-03-19", "a"), item("2025-02-27", "b")]));
        assert!(list.is_shown() && !list.is_loading());
        assert_eq!(ids(&list, &f(None), Some(2)), ["a", "b"]);
        assert!(list.shows_more(&f(None), Some(2)));
        assert_eq!(list.more(&f(None), Some(2)), None, "a plain feed fetches nothing more");
        assert_eq!(ids(&list, &f(None), Some(2)), ["a", "b", "c"]);
        assert!(!list.shows_more(&f(None), Some(2)));
        assert_eq!(list.total(&f(None)), 3);
        assert_eq!(
            list.months(&f(None)),
            [
                MonthOption { month: ym("2025-03"), count: Some(1) },
                MonthOption { month: ym("2025-02"), count: Some(2) }
            ]
        );
        assert_eq!(ids(&list, &f(None), None), ["a", "b", "c"], "no limit shows everything");
        assert_eq!(list.nth(&f(None), 2).map(|i| i.id.as_str()), Some("c"));
        assert_eq!(list.nth(&f(Some(ym("2025-02"))), 1).map(|i| i.id.as_str()), Some("c"));
        assert_eq!(list.nth(&f(Some(ym("2025-03"))), 1), None);
    }

    #[test]
    fn paging_resets_in_the_same_update_that_changes_the_month() {
        let items = (1..=9)
            .map(|d| item(&format!("2025-02-{d:02}"), &format!("f{d}")))
            .chain([item("2025-03-01", "m")])
            .collect();
        let mut list = NewsList::new();
        list.feed_loaded(parsed(items));
        list.more(&f(None), Some(2));
        assert_eq!(list.visible(&f(None), Some(2)), 4);
        // The month changes: the very next query already shows the first batch, nothing else.
        assert_eq!(list.visible(&f(Some(ym("2025-02"))), Some(2)), 2);
        assert_eq!(ids(&list, &f(Some(ym("2025-02"))), Some(2)), ["f9", "f8"]);
        list.more(&f(Some(ym("2025-02"))), Some(2));
        assert_eq!(ids(&list, &f(Some(ym("2025-02"))), Some(2)).len(), 4);
        assert_eq!(list.visible(&f(None), Some(2)), 2, "back to all months: the first batch again");
    }

    #[test]
    fn an_archive_fetches_the_chosen_month_then_the_newest_missing_ones_in_order() {
        let mut list = archive();
        assert!(!list.is_shown(), "the index alone is not a list yet");
        assert_eq!(list.heading(&crate::i18n::FR), "Actualités");
        // All months, nothing loaded: the newest month first.
        assert_eq!(list.month_to_fetch(None), Some(ym("2025-03")));
        let fetch = list.request_month(ym("2025-03")).expect("march is fetched");
        assert_eq!(fetch.url, "https://example.org/news/2025-03.json", "relative to the index");
        assert!(list.is_loading());
        assert_eq!(list.month_to_fetch(None), None, "pending: not asked twice");
        assert_eq!(list.request_month(ym("2025-03")), None);
        list.month_loaded(ym("2025-03"), march());
        assert!(list.is_shown() && !list.is_loading());
        assert_eq!(ids(&list, &f(None), Some(10)), ["m1", "m2"]);
        // The counts come from the index, not from what is loaded.
        assert_eq!(list.total(&f(None)), 6);
        assert_eq!(list.total(&f(Some(ym("2025-02")))), 3);
        assert!(!list.is_empty(&f(Some(ym("2025-02")))));
        assert!(list.is_empty(&f(Some(ym("2023-01")))));
        // Everything loaded is open, but older months exist: "More news" shows and fetches.
        assert!(list.shows_more(&f(None), Some(10)));
        let next = list.more(&f(None), Some(10)).expect("february is next");
        assert_eq!(next.month, ym("2025-02"));
        list.month_loaded(ym("2025-02"), february());
        assert_eq!(ids(&list, &f(None), Some(10)), ["m1", "m2", "f1", "f2", "f3"]);
        assert_eq!(list.more(&f(None), Some(10)).map(|f| f.month), Some(ym("2024-12")));
        list.month_loaded(ym("2024-12"), parsed(vec![item("2024-12-31", "d1")]));
        assert!(!list.shows_more(&f(None), Some(10)), "the whole archive is open");
        assert_eq!(list.more(&f(None), Some(10)), None);
    }

    #[test]
    fn choosing_a_month_of_an_archive_fetches_it_and_it_joins_in_date_order() {
        let mut list = archive();
        assert_eq!(list.month_to_fetch(Some(ym("2025-02"))), Some(ym("2025-02")));
        list.request_month(ym("2025-02"));
        list.month_loaded(ym("2025-02"), february());
        assert_eq!(list.month_to_fetch(Some(ym("2025-02"))), None);
        assert_eq!(
            list.month_to_fetch(None),
            Some(ym("2025-03")),
            "back to all months, the newer March belongs at the top: it is fetched"
        );
        assert_eq!(list.month_to_fetch(Some(ym("2024-01"))), None, "not in the archive");
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        assert_eq!(ids(&list, &f(None), None), ["m1", "m2", "f1", "f2", "f3"], "a newer month goes before");
        assert_eq!(list.month_to_fetch(Some(ym("2024-12"))), Some(ym("2024-12")));
    }

    #[test]
    fn a_month_that_fails_shows_the_error_keeps_the_list_and_is_retried() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        let feb = list.more(&f(None), Some(10)).expect("february");
        list.month_failed(feb.month, network(&feb.url));
        assert_eq!(list.error(), Some(&network("https://example.org/news/2025-02.json")));
        assert_eq!(ids(&list, &f(None), Some(10)), ["m1", "m2"], "the list stays");
        assert!(!list.is_loading());
        assert_eq!(list.month_to_fetch(Some(ym("2025-02"))), None, "a failure is not retried on its own");
        assert!(list.shows_more(&f(None), Some(10)), "More news offers it again");
        // The reader presses More news: the failed month is the one retried.
        let again = list.more(&f(None), Some(10)).expect("retried");
        assert_eq!(again.month, ym("2025-02"));
        list.month_loaded(ym("2025-02"), february());
        assert_eq!(list.error(), None, "the retry worked: the error goes");
        assert_eq!(list.archive().map(|a| a[1].status), Some(MonthStatus::Fetched));
    }

    #[test]
    fn retry_makes_a_failed_month_fetchable_and_keeps_fetched_ones() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        list.request_month(ym("2025-02"));
        list.month_failed(ym("2025-02"), network("x"));
        list.loading_started();
        list.index_loaded(
            ArchiveIndex {
                title: Some("Again".into()),
                months: vec![
                    Shard { month: ym("2025-03"), count: 2, src: "2025-03.json".into() },
                    Shard { month: ym("2025-02"), count: 3, src: "2025-02.json".into() },
                ],
            },
            "https://example.org/news/index.json",
        );
        assert_eq!(list.error(), None);
        assert_eq!(list.title(), Some("Again"));
        assert_eq!(ids(&list, &f(None), None), ["m1", "m2"], "fetched months stay");
        assert_eq!(list.month_to_fetch(Some(ym("2025-02"))), Some(ym("2025-02")));
        assert_eq!(list.month_to_fetch(Some(ym("2025-03"))), None);
    }

    #[test]
    fn a_refresh_that_fails_keeps_the_last_list() {
        let mut list = NewsList::new();
        list.loading_started();
        list.feed_loaded(parsed(vec![item("2025-03-19", "a")]));
        list.loading_started();
        list.load_failed(FetchError::Http { url: "feed.json".into(), status: 503, status_text: String::new() });
        assert!(list.is_shown() && !list.is_loading());
        assert_eq!(ids(&list, &f(None), None), ["a"], "the last good list stays");
        assert!(matches!(list.error(), Some(FetchError::Http { status: 503, .. })));
        list.loading_started();
        list.feed_loaded(parsed(vec![item("2025-03-20", "b"), item("2025-03-19", "a")]));
        assert_eq!(list.error(), None, "a good refresh clears the error");
        assert_eq!(ids(&list, &f(None), None), ["b", "a"]);
    }

    #[test]
    fn a_first_load_that_fails_has_no_list_only_the_error() {
        let mut list = NewsList::new();
        list.loading_started();
        list.load_failed(network("https://example.org/feed.json"));
        assert!(!list.is_shown() && !list.is_loading());
        assert_eq!(list.error().map(FetchError::url), Some("https://example.org/feed.json"));
        assert!(!list.shows_more(&f(None), Some(50)));
    }

    #[test]
    fn neighbours_and_lookup_follow_the_filter() {
        let mut list = NewsList::new();
        list.feed_loaded(parsed(vec![item("2025-03-19", "a"), item("2025-02-27", "b"), item("2025-02-20", "c")]));
        let id = |i: Option<&NewsItem>| i.map(|i| i.id.clone());
        let (before, after) = list.neighbours(&f(Some(ym("2025-02"))), "b");
        assert_eq!((id(before), id(after)), (None, Some("c".into())));
        let (before, after) = list.neighbours(&f(None), "b");
        assert_eq!((id(before), id(after)), (Some("a".into()), Some("c".into())));
        let (before, after) = list.neighbours(&f(Some(ym("2025-02"))), "c");
        assert_eq!((id(before), id(after)), (Some("b".into()), None), "last of the month: no next, though older exist");
        assert_eq!(list.neighbours(&f(Some(ym("2025-02"))), "a"), (None, None), "not under the filter");
        assert_eq!(list.neighbours(&f(None), "zzz"), (None, None));
        assert_eq!(list.item("c").map(|i| i.title.as_str()), Some("Title c"));
        assert!(list.item("zzz").is_none());
    }

    #[test]
    fn a_month_file_with_entries_of_other_months_still_lists_everything_in_order() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        list.request_month(ym("2024-12"));
        // A hand-edited month file with one entry from February in it.
        list.month_loaded(ym("2024-12"), parsed(vec![item("2024-12-31", "d1"), item("2025-02-15", "stray")]));
        assert_eq!(ids(&list, &f(None), None), ["m1", "m2", "stray", "d1"]);
    }

    #[test]
    fn a_failed_newest_month_waits_and_older_months_are_not_tried_in_its_place() {
        let mut list = archive();
        let march = list.request_month(ym("2025-03")).expect("march");
        list.month_failed(march.month, network(&march.url));
        assert_eq!(list.month_to_fetch(None), None, "no cascade through the archive");
        assert!(list.shows_more(&f(None), Some(10)), "More news offers the failed month again");
        list.loading_started();
        assert_eq!(list.month_to_fetch(None), Some(ym("2025-03")), "Retry fetches it");
    }

    #[test]
    fn a_refresh_reads_a_changed_month_again_and_drops_months_that_are_gone() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        list.request_month(ym("2025-02"));
        list.month_loaded(ym("2025-02"), february());
        let shard = |month: &str, count| Shard { month: ym(month), count, src: format!("{month}.json") };
        list.loading_started();
        // March has a new entry; December is gone; February is unchanged.
        let index = ArchiveIndex { title: None, months: vec![shard("2025-03", 3), shard("2025-02", 3)] };
        list.index_loaded(index, "https://example.org/news/index.json");
        assert_eq!(ids(&list, &f(None), None), ["f1", "f2", "f3"], "March's old entries leave");
        assert_eq!(list.month_to_fetch(None), Some(ym("2025-03")), "and March is read again at once");
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), parsed(vec![item("2025-03-25", "m0"), item("2025-03-19", "m1")]));
        assert_eq!(ids(&list, &f(None), None), ["m0", "m1", "f1", "f2", "f3"]);
        assert_eq!(list.month_to_fetch(None), None, "older months wait for More news");
    }

    #[test]
    fn a_month_listed_twice_or_without_a_usable_file_never_blocks_more_news() {
        let mut list = NewsList::new();
        let shard = |month: &str, src: &str| Shard { month: ym(month), count: 1, src: src.into() };
        let index = ArchiveIndex {
            title: None,
            months: vec![shard("2025-03", "a.json"), shard("2025-03", "b.json"), shard("2025-02", "javascript:x")],
        };
        list.index_loaded(index, "not a base");
        assert_eq!(list.archive().map(<[ArchiveMonth]>::len), Some(2), "the second listing is ignored");
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), parsed(vec![item("2025-03-01", "a")]));
        assert_eq!(list.next_month(), None, "a month whose file is not a safe address is not offered");
        assert!(!list.shows_more(&f(None), Some(10)));
    }

    #[test]
    fn more_news_waits_for_a_month_on_its_way_and_errors_of_the_source_stay() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        assert!(list.more(&f(None), Some(10)).is_some());
        assert_eq!(list.more(&f(None), Some(10)), None, "a second press while February loads");
        assert_eq!(list.visible(&f(None), Some(10)), 20, "and opens no second batch");
        list.load_failed(network("https://example.org/news/index.json"));
        list.month_loaded(ym("2025-02"), february());
        assert!(list.error().is_some(), "a failed refresh of the index still shows");
    }

    #[test]
    fn a_month_file_merges_with_entries_of_it_listed_before_in_date_order_and_once() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        // March's file carries one February entry, which is also in February's file.
        list.month_loaded(ym("2025-03"), parsed(vec![item("2025-03-19", "m1"), item("2025-02-15", "f15")]));
        list.request_month(ym("2025-02"));
        list.month_loaded(
            ym("2025-02"),
            parsed(vec![item("2025-02-27", "f1"), item("2025-02-15", "f15"), item("2025-02-03", "f3")]),
        );
        assert_eq!(ids(&list, &f(None), None), ["m1", "f1", "f15", "f3"]);
    }

    fn tagged(date: &str, id: &str, title: &str, tags: &[&str]) -> NewsItem {
        NewsItem {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..NewsItem::new(id.into(), ItemDate::parse(date).expect("date"), title.into())
        }
    }

    fn searched(q: &str, month: Option<YearMonth>, tag: Option<&str>) -> Filter {
        Filter { month, query: Query::parse(q), tag: tag.map(str::to_string) }
    }

    fn topical() -> NewsList {
        let mut list = NewsList::new();
        list.feed_loaded(parsed(vec![
            tagged("2025-03-19", "a", "Sécurité en Europe", &["Défense", "Europe"]),
            tagged("2025-03-02", "b", "Kellogg visits the Council", &["Diplomacy"]),
            tagged("2025-02-27", "c", "Security and defence spending", &["defense"]),
            tagged("2025-02-10", "d", "Science partnership", &[]),
        ]));
        list
    }

    #[test]
    fn neighbours_skip_what_a_search_or_topic_leaves_out() {
        let list = topical();
        let id = |i: Option<&NewsItem>| i.map(|i| i.id.to_string());
        let pair = |f: &Filter, of: &str| {
            let (before, after) = list.neighbours(f, of);
            (id(before), id(after))
        };
        // "se" keeps a and c: b, between them, is skipped both ways.
        assert_eq!(pair(&searched("se", None, None), "a"), (None, Some("c".into())));
        assert_eq!(pair(&searched("se", None, None), "c"), (Some("a".into()), None));
        assert_eq!(pair(&searched("se", None, None), "b"), (None, None), "not under the search");
        // The topic "defense" (without accents) keeps a and c too; with the month, c alone.
        assert_eq!(pair(&searched("", None, Some("defense")), "c"), (Some("a".into()), None));
        assert_eq!(pair(&searched("", Some(ym("2025-02")), Some("defense")), "c"), (None, None));
    }

    #[test]
    fn search_month_and_topic_combine() {
        let list = topical();
        assert_eq!(ids(&list, &searched("securite", None, None), None), ["a"], "accents and case");
        assert_eq!(ids(&list, &searched("se", None, None), None), ["a", "c"]);
        // The folded text is made by the first search, and made again when the entries change.
        let mut refreshed = topical();
        assert_eq!(ids(&refreshed, &searched("securite", None, None), None), ["a"]);
        refreshed.feed_loaded(parsed(vec![tagged("2025-03-19", "z", "Zebra crossing", &[])]));
        assert_eq!(ids(&refreshed, &searched("zebra", None, None), None), ["z"], "the new text is searched");
        assert_eq!(ids(&refreshed, &searched("securite", None, None), None), Vec::<String>::new());
        assert_eq!(ids(&list, &searched("s", Some(ym("2025-02")), None), None), ["c", "d"]);
        assert_eq!(ids(&list, &searched("se", None, Some("DEFENSE")), None), ["a", "c"], "topics compare folded");
        assert_eq!(ids(&list, &searched("se", Some(ym("2025-03")), Some("defense")), None), ["a"]);
        assert_eq!(list.total(&searched("kellogg", None, None)), 1);
        assert!(list.is_empty(&searched("kellogg", Some(ym("2025-02")), None)));
        assert!(!list.is_empty(&searched("", None, None)));
    }

    #[test]
    fn the_month_counts_follow_the_search_and_months_without_a_match_show_zero() {
        let list = topical();
        let months = list.months(&searched("security", None, None));
        assert_eq!(
            months,
            [
                MonthOption { month: ym("2025-03"), count: Some(0) },
                MonthOption { month: ym("2025-02"), count: Some(1) }
            ]
        );
        // The month chosen does not change the month counts (each month says what it holds).
        assert_eq!(list.months(&searched("security", Some(ym("2025-03")), None)), months);
    }

    #[test]
    fn topics_are_counted_under_the_search_most_used_first() {
        let list = topical();
        let tags = list.tags(&Filter::default());
        let names: Vec<(&str, usize)> = tags.iter().map(|t| (t.tag.as_str(), t.count)).collect();
        assert_eq!(names, [("Défense", 2), ("Diplomacy", 1), ("Europe", 1)], "\"defense\" is the same topic");
        let tags = list.tags(&searched("kellogg", None, Some("Europe")));
        let names: Vec<(&str, usize)> = tags.iter().map(|t| (t.tag.as_str(), t.count)).collect();
        assert_eq!(names, [("Diplomacy", 1)], "only topics under the search; the chosen one aside");
        assert!(list.has_tags());
        let mut plain = NewsList::new();
        plain.feed_loaded(parsed(vec![item("2025-03-19", "x")]));
        assert!(!plain.has_tags(), "a feed without tags has no topic control");
    }

    #[test]
    fn paging_resets_when_the_search_changes() {
        let items = (1..=9).map(|d| item(&format!("2025-02-{d:02}"), &format!("f{d}"))).collect();
        let mut list = NewsList::new();
        list.feed_loaded(parsed(items));
        let search = searched("title", None, None);
        list.more(&search, Some(2));
        assert_eq!(list.visible(&search, Some(2)), 4);
        assert_eq!(list.visible(&searched("title f", None, None), Some(2)), 2);
        assert_eq!(list.more(&search, Some(2)), None, "a search never fetches archive months by itself");
    }

    #[test]
    fn searching_an_archive_covers_the_months_read_and_never_claims_no_match_for_the_rest() {
        let mut list = archive();
        list.request_month(ym("2025-03"));
        list.month_loaded(ym("2025-03"), march());
        assert_eq!(list.searched_months(&searched("title", None, None)), Some((1, 3)));
        assert_eq!(list.searched_months(&f(None)), None, "not while not searching");
        assert_eq!(list.searched_months(&searched("title", Some(ym("2025-03")), None)), None, "March is read");
        let search = searched("title f", None, None);
        assert_eq!(list.nth(&search, 0), None, "no entry read so far matches");
        // Months not read have no count while searching (not zero).
        assert_eq!(list.months(&search)[1], MonthOption { month: ym("2025-02"), count: None });
        assert!(!list.shows_more(&search, Some(10)), "More news does not fetch while searching");
        let fetches = list.request_all_months();
        assert_eq!(fetches.iter().map(|f| f.month).collect::<Vec<_>>(), [ym("2025-02"), ym("2024-12")]);
        list.month_loaded(ym("2025-02"), february());
        list.month_loaded(ym("2024-12"), parsed(vec![item("2024-12-31", "d1")]));
        assert_eq!(list.searched_months(&searched("title", None, None)), None, "every month read");
        assert_eq!(ids(&list, &search, None), ["f1", "f2", "f3"]);
    }
}
