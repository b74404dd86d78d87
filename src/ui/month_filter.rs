#[cfg(not(target_arch = "wasm32"))]
use super::is_static;
use super::use_strings;
use crate::news_list::MonthOption;
use crate::url_state::{MonthChoice, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// The "Month" control: "All months" and every month with entries, newest first, with counts.
#[component]
pub fn MonthFilter(
    /// Months that have entries, newest first, with their counts under the search.
    months: Arc<Vec<MonthOption>>,
    /// The view state this control reads and writes.
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let t = use_strings();
    let selected = move || state.with(|s| s.month.month().map(|m| m.key()).unwrap_or_default());
    // A month asked for in the URL that has no entries still appears, so the control tells the truth.
    let missing = {
        let months = Arc::clone(&months);
        move || {
            state.with(|s| s.month.month()).filter(|m| !months.iter().any(|c| c.month == *m)).map(|m| {
                view! { <option value=m.key()>{format!("{} (0)", m.label_in(t))}</option> }
            })
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.update(|s| {
            s.month = MonthChoice::parse(Some(&value));
            s.item = None;
        });
    };
    let live = view! {
        <div class="dl-filter">
            <label class="dl-filter-label" for="dl-month">{t.month}</label>
            <select id="dl-month" class="dl-select" on:change=on_change prop:value=selected>
                <option value="">{t.all_months}</option>
                {missing}
                {months
                    .iter()
                    .map(|c| view! { <option value=c.month.key()>{label(c, t)}</option> })
                    .collect_view()}
            </select>
        </div>
    };
    // The static form only exists natively (see `is_static`): the wasm has just the select.
    #[cfg(not(target_arch = "wasm32"))]
    if is_static() {
        return month_links(&months, t).into_any();
    }
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
