//! An entry's date in the list: short, long or relative ("3 minutes ago"), as the host asks.
//! Relative labels follow the reader's clock, which ticks while they show: each label is its
//! own text node, so time passing changes words, never rows or focus.

use super::{is_static, use_strings};
use crate::dates::{Clock, Day};
use crate::presentation::{DateStyle, Dates};
use leptos::prelude::*;

/// How dates read, and the reader's clock: given as context by the list.
#[derive(Clone, Copy)]
pub struct DateFormat {
    pub dates: Dates,
    pub clock: Signal<Clock>,
}

/// How often relative labels are brought up to date: "3 minutes ago" is never more than half a
/// minute behind.
#[cfg(target_arch = "wasm32")]
const TICK: std::time::Duration = std::time::Duration::from_secs(30);

/// The reader's clock now: the time and the reader's offset from UTC.
pub fn reader_clock() -> Clock {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        // getTimezoneOffset is UTC minus local, in minutes.
        Clock { unix_seconds: (now.get_time() / 1000.0) as i64, offset_minutes: -(now.get_timezone_offset() as i32) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let unix_seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Clock { unix_seconds, offset_minutes: 0 }
    }
}

/// Gives the list's entries their date format, with a clock that ticks while dates are
/// relative.
pub fn provide_date_format(dates: Dates) {
    let clock = RwSignal::new(reader_clock());
    #[cfg(target_arch = "wasm32")]
    if dates.style == DateStyle::Relative {
        tick(clock);
    }
    provide_context(DateFormat { dates, clock: clock.into() });
}

/// Sets the clock every [`TICK`] until the list that owns it is gone (its signal then refuses
/// the value). A chain of timeouts rather than an interval: `set_timeout` is in the wasm
/// already, an interval and its handle would add their own code.
#[cfg(target_arch = "wasm32")]
fn tick(clock: RwSignal<Clock>) {
    set_timeout(
        move || {
            if clock.try_set(reader_clock()).is_none() {
                tick(clock);
            }
        },
        TICK,
    );
}

/// `<time datetime>` with the absolute date (and time, when the feed gives one) for machines,
/// and the words the host chose for readers. A relative label has the full date as its title.
/// Without script, dates are absolute: the HTML cannot know when it is read.
pub fn date_label(day: Day) -> impl IntoView {
    let t = use_strings();
    let format = use_context::<DateFormat>();
    let live = !is_static();
    let dates = format.map(|f| f.dates).unwrap_or_default();
    let text = move || match dates {
        Dates { style: DateStyle::Long, .. } => day.long_label_in(t),
        Dates { style: DateStyle::Relative, threshold_seconds } if live => format
            .and_then(|f| day.relative_label(f.clock.get(), threshold_seconds, t))
            .unwrap_or_else(|| day.short_label_in(t)),
        _ => day.short_label_in(t),
    };
    let title = (live && dates.style == DateStyle::Relative).then(|| day.long_label_in(t));
    view! { <time class="dl-date" part="date" datetime=day.datetime() title=title>{text}</time> }
}
