//! The item's picture, looked for where feed readers look: Media RSS, enclosures, iTunes, Atom
//! enclosure links, else the first `<img>` of its HTML.

use super::tree::El;
use super::{usable, warn};
use crate::formats::xml::attributes;
use crate::formats::Problem;
use crate::model::{Image, Link};
use crate::text::{decode_entities, shorten};
use crate::urls::Links;
use std::borrow::Cow;

/// How much an element is preferred as the item's picture (lower first), and its address, or
/// `None` when it is not a picture.
fn picture_rank(c: &El) -> Option<(u8, &str)> {
    let is_image = |src: &str| match (c.attr("medium"), c.attr("type")) {
        (Some(medium), _) => medium.eq_ignore_ascii_case("image"),
        (None, Some(mime)) => mime.to_ascii_lowercase().starts_with("image/"),
        (None, None) => looks_like_image(src),
    };
    let (rank, src) = match c.name.as_str() {
        "media:thumbnail" => (0, c.attr("url")?),
        "media:content" => (1, c.attr("url")?),
        "enclosure" => (2, c.attr("url")?),
        "itunes:image" => return Some((3, c.attr("href")?)),
        "link" | "atom:link" if c.attr("rel") == Some("enclosure") => (4, c.attr("href")?),
        _ => return None,
    };
    (rank == 0 || is_image(src)).then_some((rank, src))
}

/// A picture found: its rank, address, element, and the elements around it.
type Picture<'a> = (u8, &'a str, &'a El, [Option<&'a El>; 3]);

/// Keeps `c` as the best picture so far if it is one and ranks higher.
fn consider<'a>(best: &mut Option<Picture<'a>>, c: &'a El, parents: [Option<&'a El>; 3]) {
    if let Some((rank, src)) = picture_rank(c) {
        if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
            *best = Some((rank, src, c, parents));
        }
    }
}

/// The item's picture, looked for as feed readers do, in order: a `media:thumbnail` (of the
/// item, a `media:group` or a `media:content`); an image `media:content`; an image
/// `<enclosure>`; `itunes:image`; an Atom `<link rel="enclosure">` to an image; else the first
/// `<img>` in the item's HTML (`html`). Its alt text is the nearest `media:description` (the
/// picture's own, its parent's, the item's), else the `<img>`'s alt, else the item's title.
pub(super) fn image(
    el: &El,
    file: &str,
    links: &Links,
    (path, title): (&str, &str),
    html: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Image> {
    // One walk over the item, its media:groups and media:contents, two levels down at most,
    // keeping the best picture and the elements its alt text may come from.
    let mut best: Option<Picture<'_>> = None;
    for c in &el.children {
        consider(&mut best, c, [Some(el), None, None]);
        if c.name == "media:group" || c.name == "media:content" {
            for g in &c.children {
                consider(&mut best, g, [Some(c), Some(el), None]);
                if g.name == "media:content" {
                    for t in &g.children {
                        consider(&mut best, t, [Some(g), Some(c), Some(el)]);
                    }
                }
            }
        }
    }
    let (src, alt, found, size) = match best {
        Some((_, src, found, parents)) => {
            let alt = [Some(found), parents[0], parents[1], parents[2]]
                .into_iter()
                .flatten()
                .find_map(|scope| scope.child("media:description").map(|d| d.plain(file, false)))
                .filter(|d| !d.is_empty());
            (Cow::Borrowed(src), alt, Some(found), found.attr("length").or(found.attr("fileSize")))
        }
        None => {
            let (src, alt) = first_img(html?)?;
            (Cow::Owned(src), alt.filter(|a| !a.is_empty()), None, None)
        }
    };
    let Some(usable_src) = usable(&src, found.unwrap_or(el), links) else {
        let field = found.map_or("img", |f| f.name.as_str());
        let message =
            format!("\"{}\" is not an http(s) or relative URL; the item shows without an image", shorten(&src));
        problems.push(warn(path, field, message));
        return None;
    };
    let dimension = |name: &str| found?.attr(name)?.parse::<u32>().ok().filter(|n| (1..=20_000).contains(n));
    // Bytes to KB (1,024), two decimals, as the news page states sizes ("55.76KB").
    let size_kb = size.and_then(|b| b.parse::<u64>().ok()).filter(|b| *b > 0);
    let size_kb = size_kb.map(|b| (b as f64 / 1024.0 * 100.0).round() / 100.0);
    Some(Image {
        src: Link::from(usable_src),
        alt: alt.unwrap_or_else(|| title.to_string()).into(),
        size_kb,
        width: dimension("width"),
        height: dimension("height"),
    })
}

/// The `src` and `alt` of the first `<img>` in an HTML fragment, references decoded.
fn first_img(html: &str) -> Option<(String, Option<String>)> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img").map(|i| i + from) {
        from = at + 4;
        // Without a '>' no later tag can end either: this one is the last looked at (else a
        // run of `<img<img<img` would be read again from each).
        let closed = lower[at..].find('>').map(|i| i + at);
        let end = closed.unwrap_or(lower.len());
        if closed.is_none() {
            from = lower.len();
        }
        // `<img` followed by a space, a slash or the end of the tag (not `<imgx`).
        if !lower[from..end].starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
            continue;
        }
        let attrs = attributes(html.get(at + 4..end)?);
        let find = |name: &str| {
            attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| decode_entities(v).trim().to_string())
        };
        if let Some(src) = find("src").filter(|s| !s.is_empty()) {
            return Some((src, find("alt")));
        }
    }
    None
}

fn looks_like_image(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"].iter().any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{problems, read_str};

    #[test]
    fn images_are_looked_for_in_the_order_feed_readers_use() {
        let item = |inner: &str| format!("<item><title>t</title>{inner}</item>");
        let cases = [
            (
                r#"<media:group><media:content url="https://i.example/c.jpg" medium="image"><media:description>In group</media:description></media:content></media:group><media:thumbnail url="https://i.example/t.jpg"/><media:description>Item alt</media:description>"#,
                "https://i.example/t.jpg",
                "Item alt",
            ),
            (
                r#"<enclosure url="https://i.example/e.jpg" type="image/jpeg" length="2048"/><media:content url="https://i.example/c.jpg" type="image/jpeg"><media:description>Content alt</media:description></media:content>"#,
                "https://i.example/c.jpg",
                "Content alt",
            ),
            (
                r#"<enclosure url="https://i.example/a.mp3" type="audio/mpeg"/><itunes:image href="https://i.example/i.jpg"/><enclosure url="https://i.example/e.jpg" type="image/jpeg"/>"#,
                "https://i.example/e.jpg",
                "t",
            ),
            (
                r#"<itunes:image href="https://i.example/i.jpg"/><description>&lt;img src="https://i.example/d.jpg"&gt;</description>"#,
                "https://i.example/i.jpg",
                "t",
            ),
            (
                r#"<content:encoded><![CDATA[<p>x <IMG ALT="First alt" SRC="/first.jpg"> <img src="/second.jpg"></p>]]></content:encoded>"#,
                "https://news.example/first.jpg",
                "First alt",
            ),
        ];
        let xml = format!(
            "<rss><channel>{}</channel></rss>",
            cases.iter().map(|(inner, _, _)| item(inner)).collect::<String>()
        );
        let feed = read_str(&xml);
        for (item, (inner, src, alt)) in feed.parsed.feed.items.iter().zip(cases) {
            let image = item.image.as_ref().unwrap_or_else(|| panic!("an image in {inner}"));
            assert_eq!((image.src.to_string().as_str(), image.alt.as_str()), (src, alt), "{inner}");
        }
        assert_eq!(feed.parsed.feed.items[1].image.as_ref().and_then(|i| i.size_kb), None);
        let unsafe_image = read_str(
            r#"<rss><channel><item><title>x</title><media:thumbnail url="javascript:alert(1)"/></item></channel></rss>"#,
        );
        assert!(unsafe_image.parsed.feed.items[0].image.is_none());
        assert!(problems(&unsafe_image).contains(&"items[0].media:thumbnail: \"javascript:alert(1)\" is not an http(s) or relative URL; the item shows without an image".to_string()));
    }
}
