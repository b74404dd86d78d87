//! Several feeds in one list: which addresses a list reads, how each of them stands while they
//! are fetched in parallel, and the one list they make together.
//!
//! The list appears once every feed has answered, failed or run out of time, so entries never
//! jump; a feed that fails does not hide the others. Entries are merged newest first; the same
//! entry in two feeds (the same absolute link) is shown once, from the first feed that has it;
//! each entry names its feed ([`Origin`]). Ids that two feeds share are numbered (`-2`), so an
//! entry's id in a merged list depends on the order of `src`.

use crate::formats::{Parsed, Problem, TextSet, UniqueIds};
use crate::model::{Feed, Origin};
use crate::news_list::FetchError;
use std::sync::Arc;

/// How long the list waits for the slowest feed, in milliseconds.
pub const FEED_TIMEOUT_MS: u64 = 10_000;

/// The addresses in a `src` attribute: separated by whitespace, each once, in order.
pub fn split_sources(src: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for url in src.split_whitespace() {
        if !urls.iter().any(|u| u == url) {
            urls.push(url.to_string());
        }
    }
    urls
}

/// Where one feed stands.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedState {
    /// Being fetched.
    Pending,
    /// Read.
    Read(Parsed),
    Failed(FetchError),
}

/// The feeds of one list and how each stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Sources {
    feeds: Vec<(String, FeedState)>,
}

impl Sources {
    /// Several feeds, all being fetched.
    pub fn new(urls: Vec<String>) -> Self {
        Sources { feeds: urls.into_iter().map(|url| (url, FeedState::Pending)).collect() }
    }

    /// The addresses, in order.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.feeds.iter().map(|(url, _)| url.as_str())
    }

    /// Feed `index` answered. An answer for a feed no longer waited for (timed out) is dropped.
    pub fn read(&mut self, index: usize, parsed: Parsed) {
        if let Some((_, state @ FeedState::Pending)) = self.feeds.get_mut(index) {
            *state = FeedState::Read(parsed);
        }
    }

    /// A poll brought feed `index` afresh: its entries replace those read before, whatever
    /// its state.
    pub fn refreshed(&mut self, index: usize, parsed: Parsed) {
        if let Some((_, state)) = self.feeds.get_mut(index) {
            *state = FeedState::Read(parsed);
        }
    }

    /// Feed `index` failed.
    pub fn failed(&mut self, index: usize, error: FetchError) {
        if let Some((_, state @ FeedState::Pending)) = self.feeds.get_mut(index) {
            *state = FeedState::Failed(error);
        }
    }

    /// The wait is over: every feed still pending has failed.
    pub fn time_out(&mut self) {
        for (url, state) in &mut self.feeds {
            if matches!(state, FeedState::Pending) {
                *state = FeedState::Failed(FetchError::TimedOut { url: url.clone() });
            }
        }
    }

    /// Whether every feed has answered or failed: the list can be shown.
    pub fn is_settled(&self) -> bool {
        self.feeds.iter().all(|(_, state)| !matches!(state, FeedState::Pending))
    }

    /// The feeds that failed, in order.
    pub fn failures(&self) -> Vec<FetchError> {
        let failed = self.feeds.iter().filter_map(|(_, state)| match state {
            FeedState::Failed(error) => Some(error.clone()),
            _ => None,
        });
        failed.collect()
    }

    /// Retry: the feeds that failed are fetched again. Returns their places and addresses.
    pub fn retry(&mut self) -> Vec<(usize, String)> {
        let mut again = Vec::new();
        for (index, (url, state)) in self.feeds.iter_mut().enumerate() {
            if matches!(state, FeedState::Failed(_)) {
                *state = FeedState::Pending;
                again.push((index, url.clone()));
            }
        }
        again
    }

    /// The list the feeds read so far make together; `None` when none could be read.
    pub fn merged(&self) -> Option<Parsed> {
        let read: Vec<(&str, &Parsed)> = self
            .feeds
            .iter()
            .filter_map(|(url, state)| match state {
                FeedState::Read(parsed) => Some((url.as_str(), parsed)),
                _ => None,
            })
            .collect();
        (!read.is_empty()).then(|| merge(&read, self.feeds.len() > 1))
    }
}

/// Feeds made into one list. With `several`, each entry names its feed (its site, else the feed's
/// own address when that is a web address) and each problem says which feed it is about; ids
/// are kept unique across the feeds (numbered, as derived ids are).
pub fn merge(feeds: &[(&str, &Parsed)], several: bool) -> Parsed {
    if let ([(_, only)], false) = (feeds, several) {
        return (*only).clone();
    }
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let mut links = TextSet::default();
    let mut ids = UniqueIds::default();
    for (url, parsed) in feeds {
        let own_address = crate::urls::safe_url(url).filter(|_| !url.contains(' ') && !url.starts_with('-'));
        let origin = Arc::new(Origin {
            title: parsed.feed.title.clone().unwrap_or_else(|| host(url).to_string()),
            site: parsed.feed.site.clone().or(own_address),
        });
        for problem in &parsed.problems {
            problems.push(Problem { path: format!("{url} {}", problem.path), ..problem.clone() });
        }
        // Links are compared with those of the feeds before this one only: entries of one feed
        // that share a link (a podcast's home page) are all kept.
        let mut own_links: Vec<String> = Vec::new();
        for item in &parsed.feed.items {
            // The same entry in two feeds: shown once, from the first. Only absolute links
            // name the same page in two feeds.
            if let Some(link) = item.url.as_ref().map(|l| l.to_cow()).filter(|l| l.starts_with("http")) {
                if links.contains(&link) {
                    continue;
                }
                own_links.push(link.into_owned());
            }
            let mut item = item.clone();
            item.origin = Some(Arc::clone(&origin));
            // Ids are unique within a feed; one that another feed used too is numbered.
            if ids.claim(&mut item, &items, false, &"", "id", "entry").is_ok() {
                items.push(item);
            }
        }
        for link in own_links {
            links.insert(&link);
        }
    }
    Parsed { feed: Feed::new(None, items), problems }
}

/// `example.org` of `https://example.org/feed.xml` (the address itself when it has no host).
fn host(url: &str) -> &str {
    crate::urls::origin(url).and_then(|o| o.split_once("://")).map_or(url, |(_, host)| host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::parse_feed;

    fn feed(title: &str, items: &str) -> Parsed {
        let json = format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "{title}",
                "home_page_url": "https://{title}.example/", "items": [{items}]}}"#
        );
        parse_feed(json.as_bytes()).expect("a feed")
    }

    #[test]
    fn src_lists_split_on_whitespace_each_address_once() {
        assert_eq!(split_sources(" a.rss\n\tb.xml  a.rss "), ["a.rss", "b.xml"]);
        assert!(split_sources("   ").is_empty());
    }

    #[test]
    fn feeds_merge_newest_first_once_each_naming_their_feed() {
        let alpha = feed(
            "alpha",
            r#"{"id": "1", "title": "Alpha new", "date_published": "2025-03-03", "url": "https://x.example/shared"},
               {"id": "2", "title": "Alpha old", "date_published": "2025-01-01"}"#,
        );
        let beta = feed(
            "beta",
            r#"{"id": "1", "title": "Beta middle", "date_published": "2025-02-02"},
               {"id": "9", "title": "Shared again", "date_published": "2025-03-04", "url": "https://x.example/shared"}"#,
        );
        let merged = merge(&[("https://a.example/feed.json", &alpha), ("https://b.example/feed.json", &beta)], true);
        let titles: Vec<&str> = merged.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Alpha new", "Beta middle", "Alpha old"], "newest first; the shared link once");
        let ids: Vec<&str> = merged.feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "1-2", "2"], "ids unique across feeds");
        let origins: Vec<(&str, Option<&str>)> = merged
            .feed
            .items
            .iter()
            .map(|i| i.origin.as_deref().map(|o| (o.title.as_str(), o.site.as_deref())).expect("an origin"))
            .collect();
        assert_eq!(
            origins,
            [
                ("alpha", Some("https://alpha.example/")),
                ("beta", Some("https://beta.example/")),
                ("alpha", Some("https://alpha.example/"))
            ]
        );
        assert_eq!(merged.feed.title, None, "several feeds: the default heading");
        // Entries of one feed that share a link are all kept; relative links are no proof of
        // the same page; a feed without a site names its own web address, never a file's path.
        let podcast = feed(
            "pod",
            r#"{"title": "Episode 2", "date_published": "2025-03-02", "url": "https://pod.example/"},
               {"title": "Episode 1", "date_published": "2025-03-01", "url": "https://pod.example/"},
               {"title": "Relative", "date_published": "2025-02-01", "url": "/post/1"}"#,
        );
        let other = feed("other", r#"{"title": "Also relative", "date_published": "2025-02-02", "url": "/post/1"}"#);
        let mut untitled = other.clone();
        untitled.feed.site = None;
        let merged = merge(&[("https://pod.example/feed.json", &podcast), ("-", &untitled)], true);
        let titles: Vec<&str> = merged.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Episode 2", "Episode 1", "Also relative", "Relative"]);
        let stdin = merged.feed.items[2].origin.as_deref().expect("an origin");
        assert_eq!((stdin.title.as_str(), stdin.site.as_deref()), ("other", None));
        // One feed alone is shown as it is.
        let alone = merge(&[("https://a.example/feed.json", &alpha)], false);
        assert_eq!(alone, alpha);
    }

    #[test]
    fn the_list_waits_for_every_feed_and_a_failure_hides_no_other() {
        let urls = vec!["a.json".to_string(), "b.json".to_string(), "c.json".to_string()];
        let mut sources = Sources::new(urls);
        assert!(!sources.is_settled());
        assert_eq!(sources.merged(), None);
        sources.read(1, feed("beta", r#"{"title": "B", "date_published": "2025-02-02"}"#));
        sources.failed(0, FetchError::Http { url: "a.json".into(), status: 500, status_text: String::new() });
        assert!(!sources.is_settled(), "c is still on its way");
        sources.time_out();
        assert!(sources.is_settled());
        // A late answer is not taken: the list has been shown without it.
        sources.read(2, feed("gamma", r#"{"title": "C", "date_published": "2025-02-03"}"#));
        let titles: Vec<String> = sources.merged().expect("b").feed.items.iter().map(|i| i.title.to_string()).collect();
        assert_eq!(titles, ["B"]);
        assert_eq!(
            sources.failures(),
            [
                FetchError::Http { url: "a.json".into(), status: 500, status_text: String::new() },
                FetchError::TimedOut { url: "c.json".into() }
            ]
        );
        // Retry fetches the failed ones again; the list stays as it is until they settle.
        assert_eq!(sources.retry(), [(0, "a.json".to_string()), (2, "c.json".to_string())]);
        assert!(!sources.is_settled());
        sources.read(0, feed("alpha", r#"{"title": "A", "date_published": "2025-02-04"}"#));
        sources.read(2, feed("gamma", r#"{"title": "C", "date_published": "2025-02-03"}"#));
        let merged = sources.merged().expect("all three");
        let titles: Vec<&str> = merged.feed.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["A", "C", "B"]);
        assert!(sources.failures().is_empty());
        // A poll's fresh read of a feed replaces it, even one that had failed.
        sources.refreshed(1, feed("beta", r#"{"title": "B2", "date_published": "2025-02-05"}"#));
        sources.refreshed(9, feed("nowhere", "")); // no such feed: nothing happens
        let titles: Vec<String> =
            sources.merged().expect("all").feed.items.iter().map(|i| i.title.to_string()).collect();
        assert_eq!(titles, ["B2", "A", "C"]);
        // Problems name their feed.
        let mut broken = Sources::new(vec!["x.json".into(), "y.json".into()]);
        broken.read(0, feed("x", r#"{"title": "No date"}"#));
        broken.read(1, feed("y", r#"{"title": "Dated", "date_published": "2025-01-01"}"#));
        let problems: Vec<String> = broken.merged().expect("x").problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems, ["x.json items[0].date_published: is missing; the item is shown under \"Undated\""]);
        assert_eq!(host("https://news.example:8080/a/feed.xml"), "news.example:8080");
        assert_eq!(host("feeds/a.xml"), "feeds/a.xml");
    }
}
