//! Widgets on one page that poll the same address share one request per interval: the first
//! widget whose poll falls due asks; one whose poll falls due while that request is on its way
//! waits for its answer; one that comes later within the window takes the answer as it is, and
//! counts its next wait from when that answer came, so the widgets stay in step. The answer is
//! kept only while more than one widget polls the address. When the last widget stops, a
//! request still on its way is aborted.

use futures::channel::oneshot;

/// The widgets polling each address, and where its request stands. `A` is an answer (the
/// browser keeps its responses here; the tests keep numbers).
pub struct SharedPolls<A> {
    // A few addresses per page at most: a list, not a map (no hash map code in the wasm).
    entries: Vec<Entry<A>>,
}

struct Entry<A> {
    url: String,
    pollers: usize,
    state: State<A>,
}

enum State<A> {
    Idle,
    Asking { waiters: Vec<oneshot::Sender<A>>, abort: Option<Box<dyn FnOnce()>> },
    Answered { at: f64, answer: A },
}

/// What a widget whose poll fell due does.
pub enum Turn<A> {
    /// Another widget's answer, `age` seconds old: no request.
    Reuse { answer: A, age: f64 },
    /// Another widget's request is on its way: its answer comes here.
    Wait(oneshot::Receiver<A>),
    /// Ask, then report the answer with [`SharedPolls::answered`].
    Ask,
}

impl<A> Default for SharedPolls<A> {
    fn default() -> Self {
        SharedPolls { entries: Vec::new() }
    }
}

impl<A: Clone> SharedPolls<A> {
    fn entry(&mut self, url: &str) -> Option<&mut Entry<A>> {
        self.entries.iter_mut().find(|e| e.url == url)
    }

    /// A widget starts polling `url`.
    pub fn join(&mut self, url: &str) {
        match self.entry(url) {
            Some(entry) => entry.pollers += 1,
            None => self.entries.push(Entry { url: url.to_string(), pollers: 1, state: State::Idle }),
        }
    }

    /// A widget stops polling `url` (stopped, or removed from the page). The last one aborts a
    /// request still on its way, and the answer kept is dropped.
    pub fn leave(&mut self, url: &str) {
        let Some(at) = self.entries.iter().position(|e| e.url == url) else { return };
        self.entries[at].pollers = self.entries[at].pollers.saturating_sub(1);
        if self.entries[at].pollers == 0 {
            if let State::Asking { abort: Some(abort), .. } = self.entries.swap_remove(at).state {
                abort();
            }
        }
    }

    /// How many widgets poll `url`.
    pub fn pollers(&self, url: &str) -> usize {
        self.entries.iter().find(|e| e.url == url).map_or(0, |e| e.pollers)
    }

    /// A widget's poll of `url` fell due at `now` (seconds): an answer that came within
    /// `window` seconds is taken as it is; a request on its way is waited for; else it asks.
    /// An address no widget joined is always asked, and nothing is kept for it.
    pub fn turn(&mut self, url: &str, now: f64, window: f64) -> Turn<A> {
        let Some(entry) = self.entry(url) else { return Turn::Ask };
        match &mut entry.state {
            State::Answered { at, answer } if now - *at <= window => {
                Turn::Reuse { answer: answer.clone(), age: (now - *at).max(0.0) }
            }
            State::Asking { waiters, .. } => {
                let (sender, receiver) = oneshot::channel();
                waiters.push(sender);
                Turn::Wait(receiver)
            }
            state => {
                *state = State::Asking { waiters: Vec::new(), abort: None };
                Turn::Ask
            }
        }
    }

    /// How to abort the request just made for `url`, should every widget polling it go.
    pub fn asking(&mut self, url: &str, abort: impl FnOnce() + 'static) {
        if let Some(State::Asking { abort: slot, .. }) = self.entry(url).map(|e| &mut e.state) {
            *slot = Some(Box::new(abort));
        }
    }

    /// The answer to the request for `url`, at `now`: sent to the widgets waiting for it, and
    /// kept for the others while more than one widget polls the address.
    pub fn answered(&mut self, url: &str, now: f64, answer: &A) {
        let Some(entry) = self.entry(url) else { return };
        let keep = entry.pollers > 1;
        let before = std::mem::replace(
            &mut entry.state,
            if keep { State::Answered { at: now, answer: answer.clone() } } else { State::Idle },
        );
        if let State::Asking { waiters, .. } = before {
            for waiter in waiters {
                // A waiter whose widget has gone has dropped its receiver: nothing to do.
                let _ = waiter.send(answer.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    fn reused(turn: Turn<u32>) -> Option<(u32, f64)> {
        match turn {
            Turn::Reuse { answer, age } => Some((answer, age)),
            _ => None,
        }
    }

    #[test]
    fn two_widgets_on_one_address_make_one_request_per_interval() {
        let mut polls = SharedPolls::default();
        polls.join("feed.json");
        polls.join("feed.json");
        // Widget A's poll falls due: it asks.
        assert!(matches!(polls.turn("feed.json", 1_000.0, 150.0), Turn::Ask));
        // B's falls due while A's request is on its way: it waits for A's answer.
        let Turn::Wait(mut waiting) = polls.turn("feed.json", 1_001.0, 150.0) else { panic!("B waits") };
        polls.answered("feed.json", 1_002.0, &7);
        assert_eq!(waiting.try_recv(), Ok(Some(7)), "B gets A's answer");
        // Next interval: B first this time, A 20 s later takes B's answer, 20 s old.
        assert!(matches!(polls.turn("feed.json", 1_300.0, 150.0), Turn::Ask));
        polls.answered("feed.json", 1_301.0, &8);
        assert_eq!(reused(polls.turn("feed.json", 1_321.0, 150.0)), Some((8, 20.0)));
        // An answer older than the window is not taken: a new request.
        assert!(matches!(polls.turn("feed.json", 1_460.0, 150.0), Turn::Ask));
        // Another address is asked on its own.
        assert!(matches!(polls.turn("other.json", 1_460.0, 150.0), Turn::Ask));
    }

    #[test]
    fn one_widget_alone_keeps_no_answer() {
        let mut polls = SharedPolls::default();
        polls.join("feed.json");
        assert!(matches!(polls.turn("feed.json", 0.0, 150.0), Turn::Ask));
        polls.answered("feed.json", 1.0, &1);
        assert!(matches!(polls.turn("feed.json", 2.0, 150.0), Turn::Ask), "nothing kept for a lone widget");
        assert_eq!(polls.pollers("feed.json"), 1);
    }

    #[test]
    fn the_last_widget_to_go_aborts_the_request_on_its_way() {
        let mut polls: SharedPolls<u32> = SharedPolls::default();
        let aborted = Rc::new(Cell::new(0));
        polls.join("feed.json");
        polls.join("feed.json");
        assert!(matches!(polls.turn("feed.json", 0.0, 150.0), Turn::Ask));
        let count = Rc::clone(&aborted);
        polls.asking("feed.json", move || count.set(count.get() + 1));
        polls.leave("feed.json");
        assert_eq!(aborted.get(), 0, "another widget still waits for it");
        polls.leave("feed.json");
        assert_eq!(aborted.get(), 1);
        assert_eq!(polls.pollers("feed.json"), 0);
        // A late answer for an address nobody polls is dropped.
        polls.answered("feed.json", 1.0, &3);
        assert!(matches!(polls.turn("feed.json", 2.0, 150.0), Turn::Ask));
        polls.leave("never-joined.json");
    }

    #[test]
    fn a_waiter_whose_widget_went_is_skipped() {
        let mut polls = SharedPolls::default();
        for _ in 0..3 {
            polls.join("feed.json");
        }
        assert!(matches!(polls.turn("feed.json", 0.0, 60.0), Turn::Ask));
        let Turn::Wait(gone) = polls.turn("feed.json", 0.0, 60.0) else { panic!("waits") };
        let Turn::Wait(mut stays) = polls.turn("feed.json", 0.0, 60.0) else { panic!("waits") };
        drop(gone);
        polls.answered("feed.json", 1.0, &5);
        assert_eq!(stays.try_recv(), Ok(Some(5)));
    }
}
