//! RSS (2.0, 0.9x, 1.0) and Atom, read with feed-rs and converted into the shared model
//! (native only: feed-rs and quick-xml are not in the wasm bundle).
//!
//! Only the command line reads XML: the browser reads Datelines JSON and JSON Feed, so JSON
//! Feed goes through the browser's own parser ([`super::jsonfeed`]) on the command line too.
//! What an item becomes: title -> title (entities decoded), link -> url, guid/id -> id,
//! pubDate/published (else updated) -> date as written, description/summary -> summary (plain
//! text), content:encoded/content -> html, a media thumbnail or an image media:content or
//! enclosure -> image (alt: the media description, else the title), category -> tags,
//! author/dc:creator -> authors. Problem paths count from 0: `items[0]` is the first `<item>`,
//! `entries[0]` the first Atom `<entry>`.
//!
//! Two things feed-rs would do differently from the rest of Datelines are switched off:
//! - Dates: feed-rs turns them into UTC instants, which would move an item stamped
//!   `Sat, 01 Mar 2025 00:30:00 +0200` to 28 February. Its timestamp hook instead hands over
//!   the date text (as a number standing for it), and the shared date parser reads the text
//!   as the browser does: the calendar date as written, and the same "is not a date" message.
//! - Ids: feed-rs makes up a random UUID for an item without `<guid>`/`<id>`. Here such an item
//!   gets the model's derived id (date plus a slug of the title), which never changes.

use super::input::Format;
use super::{summary_from, title_or_text, Parsed, Problem, UniqueIds};
use crate::dates::ItemDate;
use crate::model::{derive_id, Feed, Image, Link, NewsItem, SharedStr};
use crate::text::{collapse_whitespace, decode_entities, html_to_text, shorten};
use crate::urls::safe_url;
use feed_rs::model::{Entry, FeedType, MediaObject, Text};
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// What an XML file's root element says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// `<rss>`: RSS 2.0 or 0.9x.
    Rss,
    /// `<rdf:RDF>`: RSS 1.0.
    Rdf,
    /// `<feed>`: Atom.
    Atom,
    /// XML (or HTML) with another root element, named here.
    OtherXml(String),
    /// Not XML.
    NotXml,
}

/// Looks at the start of a file for its root element, skipping a byte order mark, the XML
/// declaration, comments, processing instructions (stylesheets) and a doctype.
pub fn sniff(head: &[u8]) -> Sniffed {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = trim_start(rest);
        if rest.first() != Some(&b'<') {
            return Sniffed::NotXml;
        }
        let skip_to = |end: &[u8]| rest.windows(end.len()).position(|w| w == end).map(|at| at + end.len());
        let next = if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<!") {
            // A doctype's internal subset ([...]) has '>'s of its own.
            let bracket = rest.iter().position(|b| *b == b'[');
            let close = rest.iter().position(|b| *b == b'>');
            match (bracket, close) {
                (Some(open), Some(close)) if open < close => rest
                    .windows(2)
                    .skip(open)
                    .position(|w| w == b"]>")
                    .map(|at| open + at + 2)
                    .or_else(|| skip_to(b">")),
                _ => skip_to(b">"),
            }
        } else {
            let name: Vec<u8> = rest[1..]
                .iter()
                .copied()
                .take_while(|b| !b.is_ascii_whitespace() && *b != b'>' && *b != b'/')
                .collect();
            let name = String::from_utf8_lossy(&name).into_owned();
            let local = name.rsplit(':').next().unwrap_or_default();
            return match local {
                "rss" => Sniffed::Rss,
                "RDF" => Sniffed::Rdf,
                "feed" => Sniffed::Atom,
                _ => Sniffed::OtherXml(name),
            };
        };
        match next {
            Some(at) => rest = &rest[at..],
            // The head ends inside a long comment or doctype: say nothing more than "XML".
            None => return Sniffed::OtherXml(String::new()),
        }
    }
}

fn trim_start(mut bytes: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = bytes {
        if !first.is_ascii_whitespace() {
            break;
        }
        bytes = rest;
    }
    bytes
}

/// How the items of each XML format are named in problem paths and messages.
struct Names {
    /// `items` (RSS) or `entries` (Atom): `items[3]` is the fourth `<item>`.
    list: &'static str,
    id: &'static str,
    published: &'static str,
    updated: &'static str,
    link: &'static str,
    /// Where an image enclosure comes from (RSS `<enclosure>` or `<media:content>`).
    enclosure: &'static str,
}

const RSS: Names = Names {
    list: "items",
    id: "guid",
    published: "pubDate",
    updated: "atom:updated",
    link: "link",
    enclosure: "enclosure",
};
const ATOM: Names = Names {
    list: "entries",
    id: "id",
    published: "published",
    updated: "updated",
    link: "link",
    enclosure: "media:content",
};

/// Items handed to feed-rs at a time: its model of an item is about ten times the item's XML,
/// so a 100,000-item feed is read in slices instead of whole.
const SLICE: usize = 2_000;

/// The Media RSS namespace (`media:thumbnail`).
const MEDIA_RSS: &str = "http://search.yahoo.com/mrss/";

/// Where the items are in the file, and the first `media:thumbnail` of each.
struct Outline {
    items: Vec<std::ops::Range<usize>>,
    thumbnails: Vec<Option<Thumbnail>>,
}

#[derive(Clone)]
struct Thumbnail {
    url: String,
    width: Option<u32>,
    height: Option<u32>,
    /// The item's first `media:description`, for the alt text.
    description: Option<String>,
}

/// Finds the items (`<item>` in `<channel>` or in `<rdf:RDF>`, `<entry>` in `<feed>`) with
/// quick-xml. `None` when the XML is not well formed: feed-rs then reads the whole file and
/// says what is wrong.
fn outline(bytes: &[u8]) -> Option<Outline> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut reader = quick_xml::NsReader::from_reader(bytes);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Outline { items: Vec::new(), thumbnails: Vec::new() };
    // The open item: where it starts, and its depth.
    let mut open: Option<(usize, usize)> = None;
    // Inside a media:description of the open item: its depth and text so far (entities as
    // written, decoded at the end).
    let mut description: Option<(usize, String)> = None;
    let mut descriptions: Vec<Option<String>> = Vec::new();
    loop {
        let before = usize::try_from(reader.buffer_position()).ok()?;
        let (ns, event) = reader.read_resolved_event().ok()?;
        let media = matches!(ns, ResolveResult::Bound(n) if n.into_inner() == MEDIA_RSS);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name().into_inner().to_string();
                let is_item = open.is_none()
                    && match (stack.len(), local.as_str()) {
                        (1, "entry") => stack[0] == "feed",
                        (1, "item") => stack[0] == "RDF",
                        (2, "item") => stack[1] == "channel",
                        _ => false,
                    };
                if is_item {
                    open = Some((before, stack.len()));
                    out.thumbnails.push(None);
                    descriptions.push(None);
                } else if media
                    && local == "description"
                    && open.is_some()
                    && description.is_none()
                    && matches!(event, Event::Start(_))
                {
                    description = Some((stack.len(), String::new()));
                } else if media && local == "thumbnail" && open.is_some() {
                    let attr = |name: &str| {
                        let value = e.try_get_attribute(name).ok().flatten()?;
                        value.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_string())
                    };
                    if let (Some(slot), Some(url)) = (out.thumbnails.last_mut(), attr("url").filter(|u| !u.is_empty()))
                    {
                        if slot.is_none() {
                            let number = |name: &str| attr(name).and_then(|v| v.parse::<u32>().ok());
                            *slot = Some(Thumbnail {
                                url,
                                width: number("width"),
                                height: number("height"),
                                description: None,
                            });
                        }
                    }
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(local);
                } else if is_item {
                    out.items.push(before..usize::try_from(reader.buffer_position()).ok()?);
                    open = None;
                }
            }
            Event::Text(ref t) => {
                if let Some((_, text)) = description.as_mut() {
                    text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some((_, text)) = description.as_mut() {
                    text.push('&');
                    text.push_str(r);
                    text.push(';');
                }
            }
            Event::CData(ref c) => {
                if let Some((_, text)) = description.as_mut() {
                    text.push_str(&c.xml_content(quick_xml::XmlVersion::Implicit1_0).replace('&', "&amp;"));
                }
            }
            Event::End(_) => {
                stack.pop();
                if description.as_ref().is_some_and(|(depth, _)| *depth == stack.len()) {
                    if let (Some((_, text)), Some(slot)) = (description.take(), descriptions.last_mut()) {
                        let text = collapse_whitespace(&decode_entities(&text)).into_owned();
                        if slot.is_none() && !text.is_empty() {
                            *slot = Some(text);
                        }
                    }
                }
                if let Some((start, depth)) = open {
                    if stack.len() == depth {
                        out.items.push(start..usize::try_from(reader.buffer_position()).ok()?);
                        open = None;
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for (thumbnail, text) in out.thumbnails.iter_mut().zip(descriptions) {
        if let Some(thumbnail) = thumbnail.as_mut() {
            thumbnail.description = text;
        }
    }
    (stack.is_empty() && open.is_none()).then_some(out)
}

/// Reads an RSS or Atom feed and converts every item, with the feed's exact format. Items that
/// cannot be converted are left out with a problem; the rest are kept. Only a file that is not
/// a readable feed at all is an error (one line, without the file name). `progress` is called
/// with the running count of items read.
pub fn read(bytes: &[u8], mut progress: impl FnMut(usize)) -> Result<(Parsed, Format), String> {
    let outline = outline(bytes).filter(|o| !o.items.is_empty());
    // The whole file at once (small feeds, feeds without items, and XML that is not well
    // formed, for feed-rs's message), or the items in slices, each slice between the file's
    // own beginning (declaration, namespaces, channel) and end.
    // DATELINES_XML_SLICE: a smaller slice, so that the tests can run small feeds in slices.
    let slice = std::env::var("DATELINES_XML_SLICE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(SLICE);
    // Each part: its XML, the index of its first item, and how many items it holds (0: the
    // whole file). Slices are made one at a time, so the input is never held twice.
    let parts: Box<dyn Iterator<Item = (Cow<'_, [u8]>, usize, usize)>> = match &outline {
        Some(o) if o.items.len() > slice => {
            let (first, last) = (o.items[0].start, o.items[o.items.len() - 1].end);
            Box::new(o.items.chunks(slice).enumerate().map(move |(n, chunk)| {
                let (from, to) = (chunk[0].start, chunk[chunk.len() - 1].end);
                let mut doc = Vec::with_capacity(first + (to - from) + (bytes.len() - last));
                doc.extend_from_slice(&bytes[..first]);
                doc.extend_from_slice(&bytes[from..to]);
                doc.extend_from_slice(&bytes[last..]);
                (Cow::Owned(doc), n * slice, chunk.len())
            }))
        }
        _ => Box::new(std::iter::once((Cow::Borrowed(bytes), 0, 0))),
    };

    // The format and the feed's own title (if it has one), from the first part.
    let mut head: Option<(Format, Option<String>)> = None;
    let mut problems = Vec::new();
    let mut items = Vec::new();
    let mut ids = UniqueIds::default();
    for (doc, offset, expected) in parts {
        let (feed, dates) = parse(&doc)?;
        drop(doc);
        if head.is_none() {
            let format = match feed.feed_type {
                FeedType::Atom => Format::Atom,
                FeedType::RSS1 => Format::Rss1,
                FeedType::RSS0 => Format::Rss09,
                FeedType::RSS2 => Format::Rss2,
                FeedType::JSON => Format::JsonFeed,
            };
            head = Some((format, feed.title.as_ref().map(plain).filter(|t| !t.is_empty())));
        }
        let names = if feed.feed_type == FeedType::Atom { &ATOM } else { &RSS };
        // The outline's thumbnails line up with feed-rs's entries only when both found the
        // same items.
        let aligned = match &outline {
            Some(o) if expected == 0 => o.items.len() == feed.entries.len(),
            Some(_) => expected == feed.entries.len(),
            None => false,
        };
        let thumbnails = outline.as_ref().filter(|_| aligned).and_then(|o| o.thumbnails.get(offset..));
        for (local, entry) in feed.entries.into_iter().enumerate() {
            let index = offset + local;
            let path = format!("{}[{index}]", names.list);
            progress(index + 1);
            let thumbnail = thumbnails.and_then(|t| t.get(local)).cloned().flatten();
            let Some((mut item, explicit_id)) = convert_entry(entry, &path, names, &dates, thumbnail, &mut problems)
            else {
                continue;
            };
            // Ids are unique, as in the JSON formats: a repeated <guid>/<id> leaves the later item out.
            match ids.claim(&mut item, &items, explicit_id, &path, names.id, "item") {
                Ok(()) => items.push(item),
                Err(problem) => problems.push(problem),
            }
        }
    }
    // `parts` always has a first part, and one that cannot be read has returned above.
    let Some((format, title)) = head else {
        return Err("not a feed that can be read: it is empty".to_string());
    };
    Ok((Parsed { feed: Feed::new(title, items), problems }, format))
}

/// One feed-rs parse, with the date texts it met.
fn parse(source: &[u8]) -> Result<(feed_rs::model::Feed, Vec<String>), String> {
    // Every date text feed-rs meets, in order; feed-rs gets back a stand-in "instant" whose
    // seconds since 1970 are the text's position in this list.
    let dates: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&dates);
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .timestamp_parser(move |text| {
            let mut list = seen.lock().ok()?;
            list.push(text.to_string());
            chrono::DateTime::from_timestamp(list.len() as i64 - 1, 0)
        })
        .build();
    // feed-rs is not ours: should it panic on some input, that is one more unreadable file,
    // reported like the others (the default hook's message is kept out of the way meanwhile).
    // (Use the `cli` profile for a fast build: `release` aborts on a panic, for the wasm bundle.)
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(source)));
    std::panic::set_hook(hook);
    let feed = match result {
        Ok(parsed) => parsed.map_err(|e| format!("not a feed that can be read: {e}"))?,
        Err(_) => return Err("not a feed that can be read: the RSS/Atom reader (feed-rs) gave up on it".to_string()),
    };
    let dates = dates.lock().map(|mut list| std::mem::take(&mut *list)).unwrap_or_default();
    Ok((feed, dates))
}

fn skip(path: &str, field: &str, message: String) -> Problem {
    Problem { path: format!("{path}.{field}"), message, skipped: true }
}

fn warn(path: &str, field: &str, message: String) -> Problem {
    Problem { path: format!("{path}.{field}"), message, skipped: false }
}

fn is_html(text: &Text) -> bool {
    text.content_type.as_str().contains("html")
}

/// A text construct as plain text: HTML (RSS descriptions, Atom `type="html"`/`"xhtml"`) has
/// its tags removed; plain text only has entities that leaked into it decoded (`&amp;#8217;`).
fn plain(text: &Text) -> String {
    if is_html(text) {
        html_to_text(&text.content)
    } else {
        collapse_whitespace(&decode_entities(&text.content)).into_owned()
    }
}

/// The entry's date text, by position in the list the timestamp hook filled.
fn date_text(stamp: Option<chrono::DateTime<chrono::Utc>>, dates: &[String]) -> Option<&str> {
    let at = usize::try_from(stamp?.timestamp()).ok()?;
    dates.get(at).map(String::as_str)
}

/// One item; `None` (with a problem) when it cannot be shown. The flag says whether the id
/// came from the feed (`<guid>`, `<id>`) rather than being derived.
fn convert_entry(
    entry: Entry,
    path: &str,
    names: &Names,
    dates: &[String],
    thumbnail: Option<Thumbnail>,
    problems: &mut Vec<Problem>,
) -> Option<(NewsItem, bool)> {
    // Date: published, else updated. None at all: shown under "Undated", as a JSON Feed item
    // without a date is. One that does not parse: the item is left out, as in JSON Feed.
    let published = date_text(entry.published, dates).map(|t| (names.published, t));
    // feed-rs copies the published date into `updated` when there is no other: only a
    // different stamp is a real `updated`.
    let updated = entry
        .updated
        .filter(|u| Some(*u) != entry.published)
        .and_then(|u| date_text(Some(u), dates))
        .map(|t| (names.updated, t));
    let date = match published.or(updated) {
        Some((field, text)) => match ItemDate::parse(text) {
            Ok(date) => date,
            Err(e) => {
                problems.push(skip(path, field, e.to_string()));
                return None;
            }
        },
        None => {
            problems.push(warn(path, names.published, "is missing; the item is shown under \"Undated\"".into()));
            ItemDate::Undated
        }
    };

    // Text: summary (RSS <description>, Atom <summary>) and content (RSS <content:encoded>,
    // Atom <content>).
    let summary_text = entry.summary.as_ref().map(plain).filter(|t| !t.is_empty());
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref().map(str::trim).filter(|b| !b.is_empty())?;
        Some((body.to_string(), c.content_type.as_str().contains("html")))
    });
    let content_text = content
        .as_ref()
        .map(|(body, html)| if *html { html_to_text(body) } else { collapse_whitespace(body).into_owned() })
        .filter(|t| !t.is_empty());
    let full_text = summary_text.clone().or_else(|| content_text.clone());

    let own_title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let title = match title_or_text(own_title.map(SharedStr::from), full_text.as_deref(), &path, problems) {
        Ok(title) => title,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };

    let summary = full_text.as_deref().map(summary_from).unwrap_or_default();
    let (mut html, mut body) = match content {
        Some((raw, true)) => (Some(raw), None),
        Some((_, false)) => (None, content_text.filter(|t| *t != summary)),
        None => (None, None),
    };
    // A long description with no separate content: the list shows its start, and the detail
    // card the whole of it.
    if html.is_none() && body.is_none() {
        if let (Some(text), Some(source)) = (summary_text.as_ref(), entry.summary.as_ref()) {
            if *text != summary {
                if is_html(source) {
                    html = Some(source.content.trim().to_string());
                } else {
                    body = Some(text.clone());
                }
            }
        }
    }

    let explicit_id = !entry.id.trim().is_empty();
    let id = if explicit_id { entry.id.trim().to_string() } else { derive_id(&date, &title) };

    // Link: the first <link> that is the item itself (not comments, not an enclosure).
    let link = entry
        .links
        .iter()
        .find(|l| l.target.is_none() && matches!(l.rel.as_deref(), None | Some("alternate")))
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let url = match link {
        Some(href) => {
            let safe = safe_url(&href);
            if safe.is_none() {
                problems.push(warn(
                    path,
                    names.link,
                    format!("\"{}\" is not an http(s) or relative link; ignored", shorten(&href)),
                ));
            }
            safe
        }
        // An RSS <guid> is a permalink unless it says otherwise: use it when it is a web address.
        None => {
            Some(id.as_str()).filter(|id| id.starts_with("https://") || id.starts_with("http://")).and_then(safe_url)
        }
    };

    let image = image(&entry, path, names, &title, thumbnail.as_ref(), problems);

    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let label = category
            .label
            .as_deref()
            .map(|l| collapse_whitespace(&decode_entities(l)).into_owned())
            .filter(|l| !l.is_empty());
        let tag = label.unwrap_or_else(|| collapse_whitespace(&decode_entities(&category.term)).into_owned());
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut authors: Vec<String> = Vec::new();
    for person in &entry.authors {
        let name = person.name.as_deref().map(|n| {
            collapse_whitespace(n.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())).into_owned()
        });
        let name = name.filter(|n| !n.is_empty()).or_else(|| person.email.clone()).unwrap_or_default();
        if !name.is_empty() && !authors.contains(&name) {
            authors.push(name);
        }
    }

    let (id, summary) = (SharedStr::from(id), SharedStr::from(summary));
    let (body, html, url) = (body.map(SharedStr::from), html.map(SharedStr::from), url.map(Link::from));
    Some((NewsItem { id, date, title, summary, body, html, url, image, tags, authors }.compact(), explicit_id))
}

/// The item's picture: a media thumbnail, else media content or an enclosure that is an image
/// (by its type, or by its file name when it has no type), else an Atom `<link rel="enclosure">`
/// to an image. Its alt text is the media description, else the item's title.
fn image(
    entry: &Entry,
    path: &str,
    names: &Names,
    title: &str,
    outlined: Option<&Thumbnail>,
    problems: &mut Vec<Problem>,
) -> Option<Image> {
    struct Found<'a> {
        field: &'static str,
        src: &'a str,
        width: Option<u32>,
        height: Option<u32>,
        bytes: Option<u64>,
        media: Option<&'a MediaObject>,
        /// Alt text found beside it (the outline's media:description).
        alt: Option<&'a str>,
    }
    let thumbnail = entry.media.iter().find_map(|media| {
        let thumb = media.thumbnails.iter().find(|t| !t.image.uri.trim().is_empty())?;
        let image = &thumb.image;
        Some(Found {
            field: "media:thumbnail",
            src: image.uri.trim(),
            width: image.width,
            height: image.height,
            bytes: None,
            media: Some(media),
            alt: None,
        })
    });
    let content = || {
        entry.media.iter().find_map(|media| {
            media.content.iter().find_map(|c| {
                let url = c.url.as_ref()?;
                let is_image = match &c.content_type {
                    Some(mime) => mime.ty().as_str().eq_ignore_ascii_case("image"),
                    None => looks_like_image(url.path()),
                };
                is_image.then(|| Found {
                    field: names.enclosure,
                    src: url.as_str(),
                    width: c.width,
                    height: c.height,
                    bytes: c.size,
                    media: Some(media),
                    alt: None,
                })
            })
        })
    };
    let enclosure_link = || {
        entry.links.iter().find_map(|l| {
            let is_image = l.media_type.as_deref().is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("image/"));
            (l.rel.as_deref() == Some("enclosure") && is_image).then(|| Found {
                field: "link",
                src: l.href.trim(),
                width: None,
                height: None,
                bytes: l.length,
                media: None,
                alt: None,
            })
        })
    };
    // feed-rs keeps a media:thumbnail only beside a media:content; the outline found the others
    // (BBC-style feeds have an item-level thumbnail and nothing else).
    let outlined = || {
        outlined.map(|t| Found {
            field: "media:thumbnail",
            src: t.url.as_str(),
            width: t.width,
            height: t.height,
            bytes: None,
            media: None,
            alt: t.description.as_deref(),
        })
    };
    let found = thumbnail.or_else(content).or_else(outlined).or_else(enclosure_link)?;
    let Some(src) = safe_url(found.src) else {
        problems.push(warn(
            path,
            found.field,
            format!("\"{}\" is not an http(s) or relative URL; the item shows without an image", shorten(found.src)),
        ));
        return None;
    };
    let alt = found
        .media
        .and_then(|m| m.description.as_ref())
        .map(plain)
        .or_else(|| found.alt.map(str::to_string))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| title.to_string());
    let dimension = |n: Option<u32>| n.filter(|n| (1..=20_000).contains(n));
    // Bytes to KB (1,024), two decimals, as the news page states sizes ("55.76KB").
    let size_kb = found.bytes.filter(|b| *b > 0).map(|b| (b as f64 / 1024.0 * 100.0).round() / 100.0);
    Some(Image {
        src: src.into(),
        alt: alt.into(),
        size_kb,
        width: dimension(found.width),
        height: dimension(found.height),
    })
}

fn looks_like_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"].iter().any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_root_element() {
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<?xml-stylesheet href=\"s.xsl\"?><rss version=\"2.0\">"),
            Sniffed::Rss
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF  <feed xmlns=\"http://www.w3.org/2005/Atom\">"), Sniffed::Atom);
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Sniffed::Rdf);
        assert_eq!(sniff(b"<!DOCTYPE html>\n<html><body>"), Sniffed::OtherXml("html".into()));
        assert_eq!(sniff(b"<!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;\">]>\n<rss>"), Sniffed::Rss);
        assert_eq!(sniff(b"{\"items\": []}"), Sniffed::NotXml);
        assert_eq!(sniff(b""), Sniffed::NotXml);
        assert_eq!(sniff(b"<!-- never closed"), Sniffed::OtherXml(String::new()));
    }

    #[test]
    fn rss_items_follow_the_shared_rules_for_ids_and_titles() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel>
          <item><guid>a</guid><title>One</title><pubDate>Wed, 19 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><guid>a</guid><title>Two</title><pubDate>Wed, 19 Mar 2025 11:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><title>Same</title><pubDate>Tue, 18 Mar 2025 10:00:00 +0000</pubDate></item>
          <item><description>Only words here.</description><pubDate>Mon, 17 Mar 2025 10:00:00 +0000</pubDate></item>
        </channel></rss>"#;
        let (parsed, format) = read(rss, |_| {}).expect("a readable feed");
        assert_eq!(format, Format::Rss2);
        assert_eq!(parsed.feed.title, None, "a feed without a title");
        let ids: Vec<&str> = parsed.feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "2025-03-18-same", "2025-03-18-same-2", "2025-03-17-only-words-here"]);
        assert_eq!(parsed.feed.items[3].title, "Only words here.");
        let lines: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "items[1].guid: \"a\" is used by an earlier item; ids must be unique",
                "items[4].title: is missing; the start of the text is used instead",
            ]
        );
        assert_eq!(parsed.skipped(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_feed_is_one_error() {
        let err = read(b"<rss><channel><item><title>Unclosed</channel></rss>", |_| {}).expect_err("broken");
        assert!(err.starts_with("not a feed that can be read: "), "{err}");
    }
}
