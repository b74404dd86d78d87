//! RSS 1.0 (RDF): the channel stands beside the items rather than around them, and an item
//! without a `<link>` or `<guid>` is named by its `rdf:about`. The rest is read as RSS 2.0 is.

use super::tree::El;
use super::{page_link, Reading};
use crate::urls::Links;

/// RSS 1.0: the channel stands beside the items; the feed's title and site come from it.
pub(super) fn channel(el: &El, file: &str, links: &Links, done: &mut Reading) {
    if done.title.is_none() {
        done.title = el.child("title").map(|t| t.plain(file, false)).filter(|t| !t.is_empty());
    }
    if done.site.is_none() {
        done.site = el.children.iter().filter(|c| c.name == "link").find_map(|l| page_link(l, links));
    }
}

/// An RSS 1.0 item's `rdf:about`: its id when it has no `<guid>`.
pub(super) fn about(el: &El) -> Option<&str> {
    (el.name == "item").then(|| el.attr("about")).flatten()
}
