#[cfg(not(target_arch = "wasm32"))]
use super::is_static;
use super::use_strings;
use crate::dates::YearMonth;
use crate::news_list::MonthOption;
use crate::url_state::{MonthChoice, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// A select's fixed words: its id (`dl-month`, `dl-topic`, unique within the list), its label,
/// and the first option's text ("All months", "All topics").
#[derive(Clone, Copy)]
pub struct SelectText {
    pub id: &'static str,
    pub label: &'static str,
    pub all: &'static str,
}

/// A labelled select of one filter: "All …" (the empty value) and one option per
/// `(value, label)`. A value chosen that is not among them (from the URL, say) still shows, as
/// `missing` labels it, so the control tells the truth. The month and topic controls are this
/// one view (each distinct view is compiled into the wasm on its own).
#[component]
pub fn FilterSelect(
    /// Its id, label and first option.
    text: SelectText,
    options: Vec<(String, String)>,
    /// The value chosen ("" for all).
    selected: Signal<String>,
    /// Gets the value the reader picks.
    on_pick: Callback<String>,
    /// The option's label for a chosen value that is not among `options`.
    missing: Callback<String, String>,
) -> impl IntoView {
    let SelectText { id, label, all } = text;
    let values: Vec<String> = options.iter().map(|(value, _)| value.clone()).collect();
    let extra = move || {
        let chosen = selected.get();
        (!chosen.is_empty() && !values.contains(&chosen)).then(|| {
            let label = missing.run(chosen.clone());
            view! { <option value=chosen>{label}</option> }
        })
    };
    view! {
        <div class="dl-filter">
            <label class="dl-filter-label" for=id>{label}</label>
            <select
                id=id
                class="dl-select"
                on:change=move |ev| on_pick.run(event_target_value(&ev))
                prop:value=move || selected.get()
            >
                <option value="">{all}</option>
                {extra}
                {options.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The "Month" control: "All months" and every month with entries, newest first, with counts.
#[component]
pub fn MonthFilter(
    /// Months that have entries, newest first, with their counts under the search.
    months: Arc<Vec<MonthOption>>,
    /// The view state this control reads and writes.
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let t = use_strings();
    // The static form only exists natively (see `is_static`): the wasm has just the select.
    #[cfg(not(target_arch = "wasm32"))]
    if is_static() {
        return month_links(&months, t).into_any();
    }
    let options: Vec<(String, String)> = months.iter().map(|c| (c.month.key(), label(c, t))).collect();
    // A month asked for in the URL that has no entries: "March 2025 (0)".
    let missing = Callback::new(move |value: String| {
        YearMonth::parse(&value).map_or_else(String::new, |m| format!("{} (0)", m.label_in(t)))
    });
    let on_pick = Callback::new(move |value: String| {
        state.update(|s| {
            s.month = MonthChoice::parse(Some(&value));
            s.item = None;
        });
    });
    let selected = Signal::derive(move || state.with(|s| s.month.month().map(|m| m.key()).unwrap_or_default()));
    let text = SelectText { id: "dl-month", label: t.month, all: t.all_months };
    let live = view! { <FilterSelect text options selected on_pick missing/> };
    #[cfg(not(target_arch = "wasm32"))]
    return live.into_any();
    #[cfg(target_arch = "wasm32")]
    live
}

/// Without script a select cannot filter: in-page links to each month's heading instead.
#[cfg(not(target_arch = "wasm32"))]
fn month_links(months: &[MonthOption], t: &'static crate::i18n::Strings) -> impl IntoView {
    view! {
        <nav class="dl-filter dl-month-links" aria-label=t.month>
            <span class="dl-filter-label" aria-hidden="true">{t.month}</span>
            <ul role="list">
                {months
                    .iter()
                    .map(|c| view! {
                        <li>
                            <a href=format!("#dl-month-{}", c.month.key())>
                                {label(c, t)}
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// "March 2025 (12)", or while searching an archive, a month not read yet: "March 2025 (not
/// searched yet)".
fn label(c: &MonthOption, t: &'static crate::i18n::Strings) -> String {
    match c.count {
        Some(count) => format!("{} ({})", c.month.label_in(t), t.number(count)),
        None => crate::i18n::Strings::fill(t.not_searched, &[&c.month.label_in(t)]),
    }
}
