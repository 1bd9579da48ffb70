//! Reads shield LiveKit: a record is refreshed from LiveKit at most once per interval, and
//! readers that arrive while a refresh runs wait for that one instead of starting their own.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What became of a read's refresh.
#[derive(Debug, PartialEq, Eq)]
pub enum Refreshed<T> {
    /// Refreshed less than the interval ago: what the caller read is current.
    Fresh,
    /// This caller refreshed; here is the result.
    Ran(T),
    /// Another caller's refresh was under way and has finished: read again.
    Waited,
}

/// Per-record single flight with a minimum interval.
pub struct Gate {
    every: Duration,
    slots: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Instant>>>>>,
}

impl Gate {
    pub fn new(every: Duration) -> Self {
        Gate { every, slots: Mutex::new(HashMap::new()) }
    }

    /// Runs `refresh` for `key` unless it ran less than the interval ago; a caller that finds
    /// one running waits for it and does not run another.
    pub async fn run<T, F, E>(&self, key: &str, refresh: impl FnOnce() -> F) -> Result<Refreshed<T>, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        let slot = self.slots.lock().unwrap_or_else(|e| e.into_inner()).entry(key.to_string()).or_default().clone();
        let (mut last, waited) = match slot.try_lock() {
            Ok(last) => (last, false),
            Err(_) => (slot.lock().await, true),
        };
        if last.is_some_and(|t| t.elapsed() < self.every) {
            return Ok(if waited { Refreshed::Waited } else { Refreshed::Fresh });
        }
        let result = refresh().await;
        *last = Some(Instant::now());
        result.map(Refreshed::Ran)
    }

    /// Drops what is kept for `key` (its record will not be refreshed again).
    pub fn forget(&self, key: &str) {
        self.slots.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn concurrent_readers_share_one_refresh_per_interval() {
        let gate = Gate::new(Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        let read = || {
            gate.run("eg_1", || async {
                calls.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(20)).await;
                Ok::<(), ()>(())
            })
        };
        let reads: Vec<_> = (0..50).map(|_| read()).collect();
        let done = futures_util::future::join_all(reads).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(done.iter().filter(|r| **r == Ok(Refreshed::Ran(()))).count(), 1);
        assert_eq!(read().await, Ok(Refreshed::Fresh), "within the interval nothing runs");
        gate.forget("eg_1");
        read().await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2, "a forgotten key refreshes again");
    }
}
