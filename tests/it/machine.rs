//! How tests share the machine. `cargo test` runs four at a time (`.cargo/config.toml`); most
//! take a share, and a drill whose bounds are about timing across several daemon processes
//! (`pg::cluster`'s storm and rate limit) takes it alone: it waits for the running tests to
//! end, and new ones wait for it. One for the whole binary: the sled and PostgreSQL halves
//! compile `support` twice, this once.

use std::cell::Cell;
use std::sync::{Condvar, Mutex};

struct State {
    shared: usize,
    alone: bool,
    waiting_alone: usize,
}

static STATE: Mutex<State> = Mutex::new(State { shared: 0, alone: false, waiting_alone: 0 });
static CHANGED: Condvar = Condvar::new();

thread_local! {
    /// Shares this test's thread holds: a test that starts a second environment does not
    /// queue behind a drill waiting for it to end.
    static HELD: Cell<usize> = const { Cell::new(0) };
}

/// A hold on the machine, given back when dropped.
pub struct Hold {
    alone: bool,
}

fn state() -> std::sync::MutexGuard<'static, State> {
    // A test that panicked while holding the lock changed nothing half-way.
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A share of the machine, beside other tests.
pub fn share() -> Hold {
    let mut s = state();
    if HELD.get() == 0 {
        while s.alone || s.waiting_alone > 0 {
            s = CHANGED.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }
    s.shared += 1;
    HELD.set(HELD.get() + 1);
    Hold { alone: false }
}

/// The machine alone, once the tests running now have ended.
pub fn alone() -> Hold {
    let mut s = state();
    s.waiting_alone += 1;
    while s.alone || s.shared > 0 {
        s = CHANGED.wait(s).unwrap_or_else(|e| e.into_inner());
    }
    s.waiting_alone -= 1;
    s.alone = true;
    Hold { alone: true }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let mut s = state();
        if self.alone {
            s.alone = false;
        } else {
            s.shared -= 1;
            HELD.set(HELD.get() - 1);
        }
        CHANGED.notify_all();
    }
}
