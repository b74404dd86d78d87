use super::{is_static, use_strings};
use crate::months::MonthCount;
use crate::url_state::{MonthChoice, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// The "Month" control: "All months" and every month with entries, newest first, with counts.
#[component]
pub fn MonthFilter(
    /// Months that have entries, newest first.
    months: Arc<Vec<MonthCount>>,
    /// The view state this control reads and writes.
    state: RwSignal<ViewState>,
) -> impl IntoView {
    let t = use_strings();
    if is_static() {
        // Without script a select cannot filter: in-page links to each month's heading instead.
        return view! {
            <nav class="dl-filter dl-month-links" aria-label=t.month>
                <span class="dl-filter-label" aria-hidden="true">{t.month}</span>
                <ul role="list">
                    {months
                        .iter()
                        .map(|c| view! {
                            <li>
                                <a href=format!("#dl-month-{}", c.month.key())>
                                    {format!("{} ({})", c.month.label_in(t), t.number(c.count))}
                                </a>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
        .into_any();
    }
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
    view! {
        <div class="dl-filter">
            <label class="dl-filter-label" for="dl-month">{t.month}</label>
            <select id="dl-month" class="dl-select" on:change=on_change prop:value=selected>
                <option value="">{t.all_months}</option>
                {missing}
                {months
                    .iter()
                    .map(|c| view! { <option value=c.month.key()>{format!("{} ({})", c.month.label_in(t), t.number(c.count))}</option> })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}
