//! Work cut into slices, so that none of it is a long task on the host page's main thread (a
//! task over 50 ms is a moment the page does not answer its reader). Plain decisions, tested
//! natively; the browser side only yields between slices (`ui::source::yield_to_host`).

use crate::months::MonthGroup;

/// Entries of a big JSON feed read in one task ([`crate::formats::stepwise`]): on the phone
/// profile (4× slower CPU) a 10,000-entry feed reads at about 23 µs an entry, so 500 make a task
/// of about 12 ms.
pub const ENTRIES_PER_SLICE: usize = 500;

/// How many of a list's open rows are drawn: a first screenful at once, then a slice more after
/// each turn the browser gets, until every open row is drawn. Only the first load comes in
/// slices: a later one (a poll's news shown, Refresh, an archive's month merged in) keeps the rows
/// drawn, so a reader deep in the list loses neither rows nor focus; "More news" draws every row.
///
/// The sizes follow the phone profile's measure (4× slower CPU): a row of the list layout costs
/// about 4 ms to build there, so a slice of 8 stays well under 50 ms with the layout that follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowBudget {
    drawn: usize,
}

impl RowBudget {
    /// Rows drawn in the first task, with the list's heading and controls: a phone's screenful of
    /// the list layout.
    pub const FIRST: usize = 4;
    /// Rows added in each later task.
    pub const SLICE: usize = 8;

    /// The budget of a list just shown for the first time.
    pub fn first() -> Self {
        RowBudget { drawn: Self::FIRST }
    }

    /// Every row at once: the static HTML, news in hand, and after a reader's "More news".
    pub fn unlimited() -> Self {
        RowBudget { drawn: usize::MAX }
    }

    /// How many rows are drawn.
    pub fn drawn(self) -> usize {
        self.drawn
    }

    /// Whether `open` rows are all drawn.
    pub fn covers(self, open: usize) -> bool {
        self.drawn >= open
    }

    /// The budget after one more slice.
    pub fn next(self) -> Self {
        RowBudget { drawn: self.drawn.saturating_add(Self::SLICE) }
    }

    /// `groups` (newest first) cut to the rows drawn: the first groups whole, the last one drawn
    /// cut short, the rest left out.
    pub fn cut(self, groups: &mut Vec<MonthGroup>) {
        let mut left = self.drawn;
        groups.retain_mut(|group| {
            if left == 0 {
                return false;
            }
            group.entries.truncate(left);
            left -= group.entries.len();
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::YearMonth;

    fn groups(sizes: &[usize]) -> Vec<MonthGroup> {
        let mut next = 0;
        sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let entries = (next..next + n).collect();
                next += n;
                MonthGroup { month: YearMonth { year: 2025, month: 12 - i as u32 }, entries }
            })
            .collect()
    }

    fn sizes(groups: &[MonthGroup]) -> Vec<usize> {
        groups.iter().map(|g| g.entries.len()).collect()
    }

    #[test]
    fn the_first_screenful_then_a_slice_at_a_time_until_every_row() {
        let open = 30;
        let mut budget = RowBudget::first();
        let mut drawn = vec![budget.drawn()];
        while !budget.covers(open) {
            budget = budget.next();
            drawn.push(budget.drawn().min(open));
        }
        assert_eq!(drawn, [4, 12, 20, 28, 30]);
        assert!(RowBudget::first().covers(4) && !RowBudget::first().covers(5));
        assert!(RowBudget::unlimited().covers(usize::MAX) && RowBudget::unlimited().next().covers(usize::MAX));
    }

    #[test]
    fn cutting_keeps_the_newest_rows_in_their_months() {
        let mut g = groups(&[3, 4, 5]);
        RowBudget::first().next().cut(&mut g);
        assert_eq!(sizes(&g), [3, 4, 5], "12 rows: all three months");
        let mut g = groups(&[1, 2, 5]);
        RowBudget::first().cut(&mut g);
        assert_eq!(sizes(&g), [1, 2, 1], "4 rows: two months whole, one row of the third");
        assert_eq!(g[2].entries, [3]);
        assert_eq!(g[2].month, YearMonth { year: 2025, month: 10 });

        let mut exact = groups(&[2, 2, 2]);
        RowBudget::first().cut(&mut exact);
        assert_eq!(sizes(&exact), [2, 2], "no empty month heading after the last drawn row");

        let mut all = groups(&[3, 4, 5]);
        RowBudget::unlimited().cut(&mut all);
        assert_eq!(sizes(&all), [3, 4, 5]);

        let mut none: Vec<MonthGroup> = Vec::new();
        RowBudget::first().cut(&mut none);
        assert!(none.is_empty());
    }
}
