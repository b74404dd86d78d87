//! How a list is presented, as a host asks for it: the layout, the heading, which controls
//! show, and how dates read. Plain values parsed from the widget's attributes, the page's query
//! and `datelines-cli render`'s options; the components only read them.
//!
//! Every parser is total: a value it does not know gives the default, never an error, since
//! a host's typo must not break the list.

/// The list's layout (`layout="…"`, `?layout=`, `render --layout`). CSS over the same
/// components: the root carries `data-layout`, and `style/datelines.css` does the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Date, thumbnail beside the text, title, summary and topics: the source page's look.
    #[default]
    List,
    /// A small thumbnail, the title, the date and one line of summary.
    Compact,
    /// Date and title only, no images: for a sidebar or a footer.
    Headlines,
    /// A responsive grid of cards, image on top: 1 to 4 columns by the list's own width.
    Cards,
}

impl Layout {
    pub const ALL: [Layout; 4] = [Layout::List, Layout::Compact, Layout::Headlines, Layout::Cards];

    /// `list`, `compact`, `headlines` or `cards` (any case, spaces ignored); else `list`.
    pub fn parse(value: Option<&str>) -> Layout {
        let value = value.map(str::trim).unwrap_or_default();
        Self::ALL.into_iter().find(|l| l.name().eq_ignore_ascii_case(value)).unwrap_or_default()
    }

    /// The name in attributes, queries and `data-layout`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::List => "list",
            Layout::Compact => "compact",
            Layout::Headlines => "headlines",
            Layout::Cards => "cards",
        }
    }

    /// Whether an entry shows its thumbnail, summary, topics and source, or only its date and
    /// title (`headlines`). The live list hides them with CSS; a fragment rendered for a host
    /// page (`datelines-cli render --fragment`), which the host's own styles show, leaves them
    /// out, so a sidebar's fallback neither shows nor downloads pictures its layout has none of.
    pub fn shows_details(self) -> bool {
        self != Layout::Headlines
    }
}

/// The list's heading (`heading="…"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Heading {
    /// The feed's title, else "News", with the entry count.
    #[default]
    Feed,
    /// The host's own words, with the entry count.
    Text(String),
    /// No heading and no count (`heading="none"`). The landmark keeps its name.
    Hidden,
}

impl Heading {
    /// Absent or blank: the feed's title; `none` (any case): hidden; else the text, trimmed.
    pub fn parse(value: Option<&str>) -> Heading {
        match value.map(str::trim) {
            None | Some("") => Heading::Feed,
            Some(none) if none.eq_ignore_ascii_case("none") => Heading::Hidden,
            Some(text) => Heading::Text(text.to_string()),
        }
    }
}

/// Which controls show above the list (`controls="…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Controls {
    pub search: bool,
    pub month: bool,
    pub topic: bool,
    /// The Refresh button of a fetched feed.
    pub refresh: bool,
}

impl Controls {
    pub const NONE: Controls = Controls { search: false, month: false, topic: false, refresh: false };
    /// A widget's controls when its host names none: the month and topic controls.
    pub const DEFAULT: Controls = Controls { month: true, topic: true, ..Controls::NONE };
    pub const ALL: Controls = Controls { search: true, month: true, topic: true, refresh: true };

    /// `none`, or names from `search month topic refresh` separated by spaces or commas, in
    /// any order (unknown names are ignored). Absent: `default`.
    pub fn parse(value: Option<&str>, default: Controls) -> Controls {
        let Some(value) = value else { return default };
        let named = |names: &[&str]| {
            value.split([' ', ',', '\t', '\n']).any(|word| names.iter().any(|n| n.eq_ignore_ascii_case(word)))
        };
        Controls {
            search: named(&["search"]),
            month: named(&["month"]),
            topic: named(&["topic", "topics"]),
            refresh: named(&["refresh"]),
        }
    }
}

/// How dates read (`date-style="…"`, `?dates=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `19 Mar. 2025`: the source page's style.
    #[default]
    Short,
    /// `19 March 2025`.
    Long,
    /// "3 minutes ago", "yesterday"; the short date past the threshold.
    Relative,
}

impl DateStyle {
    /// `short`, `long` or `relative` (any case); else `short`.
    pub fn parse(value: Option<&str>) -> DateStyle {
        let is = |name: &str| value.is_some_and(|v| v.trim().eq_ignore_ascii_case(name));
        if is("long") {
            DateStyle::Long
        } else if is("relative") {
            DateStyle::Relative
        } else {
            DateStyle::Short
        }
    }
}

/// How dates read: the style, and for relative dates the age past which the absolute date
/// shows instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    pub style: DateStyle,
    pub threshold_seconds: i64,
}

impl Dates {
    /// `<relative-time>`'s default threshold: 30 days.
    pub const DEFAULT_THRESHOLD: i64 = 30 * 86_400;

    /// From the style's and the threshold's values as written (`"relative"`, `"7d"`).
    pub fn parse(style: Option<&str>, threshold: Option<&str>) -> Dates {
        Dates {
            style: DateStyle::parse(style),
            threshold_seconds: threshold.and_then(parse_duration).unwrap_or(Self::DEFAULT_THRESHOLD),
        }
    }
}

impl Default for Controls {
    fn default() -> Self {
        Controls::DEFAULT
    }
}

impl Default for Dates {
    fn default() -> Self {
        Dates { style: DateStyle::Short, threshold_seconds: Self::DEFAULT_THRESHOLD }
    }
}

/// Everything about how a list looks, in one value: a widget's attributes or the page's query
/// become one signal of it (one signal rather than four keeps the wasm 3 KB smaller: each
/// signal type is compiled on its own).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Look {
    pub layout: Layout,
    pub heading: Heading,
    pub controls: Controls,
    pub dates: Dates,
}

impl Look {
    /// The look a widget's attributes ask for; `attribute` gives an attribute's value, `None`
    /// when absent. Without `controls`: the month and topic controls, and the search box when
    /// the `search` attribute is present.
    pub fn from_attributes(attribute: &dyn Fn(&str) -> Option<String>) -> Look {
        let default = Controls { search: attribute("search").is_some(), ..Controls::DEFAULT };
        Look {
            layout: Layout::parse(attribute("layout").as_deref()),
            heading: Heading::parse(attribute("heading").as_deref()),
            controls: Controls::parse(attribute("controls").as_deref(), default),
            dates: Dates::parse(attribute("date-style").as_deref(), attribute("date-threshold").as_deref()),
        }
    }

    /// The widget's attributes that change its look.
    pub const ATTRIBUTES: [&'static str; 6] =
        ["layout", "heading", "controls", "search", "date-style", "date-threshold"];
}

/// A duration such as `30s`, `5m`, `12h`, `7d` (a bare number is seconds), in seconds. `None`
/// for anything else, zero, or a value past 100 years.
pub fn parse_duration(value: &str) -> Option<i64> {
    let value = value.trim();
    let (number, unit) = match value.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => value.split_at(at),
        None => (value, "s"),
    };
    let unit = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return None,
    };
    // usize, as `limit` is read: one number parser in the wasm.
    let number = i64::try_from(number.parse::<usize>().ok()?).ok()?;
    let seconds = number.checked_mul(unit)?;
    (1..=100 * 365 * 86_400).contains(&seconds).then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_headlines_leave_out_an_entrys_details() {
        let shown: Vec<bool> = Layout::ALL.iter().map(|l| l.shows_details()).collect();
        assert_eq!(shown, [true, true, false, true], "list, compact, headlines, cards");
    }

    #[test]
    fn layouts_are_read_by_name_and_anything_else_is_the_list() {
        assert_eq!(Layout::parse(Some("cards")), Layout::Cards);
        assert_eq!(Layout::parse(Some(" Headlines ")), Layout::Headlines);
        assert_eq!(Layout::parse(Some("compact")), Layout::Compact);
        assert_eq!(Layout::parse(Some("grid")), Layout::List);
        assert_eq!(Layout::parse(None), Layout::List);
        for layout in Layout::ALL {
            assert_eq!(Layout::parse(Some(layout.name())), layout);
        }
    }

    #[test]
    fn a_heading_is_the_feeds_the_hosts_or_none() {
        assert_eq!(Heading::parse(None), Heading::Feed);
        assert_eq!(Heading::parse(Some("  ")), Heading::Feed);
        assert_eq!(Heading::parse(Some("NONE")), Heading::Hidden);
        assert_eq!(Heading::parse(Some(" Latest from the blog ")), Heading::Text("Latest from the blog".into()));
    }

    #[test]
    fn controls_are_named_in_any_order_or_none() {
        let d = Controls::DEFAULT;
        assert_eq!(Controls::parse(None, d), d);
        assert!(!d.search && d.month && d.topic && !d.refresh);
        assert_eq!(Controls::parse(Some("none"), d), Controls::NONE);
        assert_eq!(Controls::parse(Some(""), d), Controls::NONE);
        assert_eq!(
            Controls::parse(Some("month, Search"), d),
            Controls { search: true, month: true, topic: false, refresh: false }
        );
        assert_eq!(
            Controls::parse(Some("topics refresh bogus"), d),
            Controls { topic: true, refresh: true, ..Controls::NONE }
        );
    }

    #[test]
    fn date_styles_and_thresholds() {
        assert_eq!(Dates::parse(None, None), Dates::default());
        assert_eq!(
            Dates::parse(Some("Relative"), Some("7d")),
            Dates { style: DateStyle::Relative, threshold_seconds: 604_800 }
        );
        assert_eq!(Dates::parse(Some("long"), Some("soon")).threshold_seconds, Dates::DEFAULT_THRESHOLD);
        assert_eq!(DateStyle::parse(Some("fancy")), DateStyle::Short);
    }

    #[test]
    fn a_widgets_attributes_make_its_look() {
        fn from(pairs: &'static [(&'static str, &'static str)]) -> Look {
            Look::from_attributes(&|name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
        }
        assert_eq!(from(&[]), Look::default());
        assert_eq!(from(&[]).controls, Controls::DEFAULT);
        let look = from(&[
            ("layout", "cards"),
            ("heading", "none"),
            ("search", ""),
            ("date-style", "relative"),
            ("date-threshold", "7d"),
        ]);
        assert_eq!(
            look,
            Look {
                layout: Layout::Cards,
                heading: Heading::Hidden,
                controls: Controls { search: true, ..Controls::DEFAULT },
                dates: Dates { style: DateStyle::Relative, threshold_seconds: 7 * 86_400 },
            }
        );
        // `controls` names them all: the `search` attribute no longer adds the box.
        let look = from(&[("search", ""), ("controls", "month")]);
        assert_eq!(look.controls, Controls { month: true, ..Controls::NONE });
        for name in Look::ATTRIBUTES {
            let changed = Look::from_attributes(&|n: &str| (n == name).then(|| "none".to_string()));
            let value_matters = name != "date-threshold" && name != "date-style" && name != "layout";
            assert_eq!(changed != Look::default(), value_matters, "{name}");
        }
    }

    #[test]
    fn durations_have_a_unit_and_a_sane_size() {
        assert_eq!(parse_duration("30s"), Some(30));
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration(" 12h "), Some(43_200));
        assert_eq!(parse_duration("7d"), Some(604_800));
        assert_eq!(parse_duration("90"), Some(90));
        for bad in ["", "0s", "-5m", "5 minutes", "1.5h", "m", "99999999999999999999d", "40000d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
