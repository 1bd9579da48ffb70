//! Copying one store into another, whatever their backends (`pulse store copy`): every kind
//! of record in key order, a batch per commit, through the same `commit` the daemon uses.

use super::{Changes, Committed, Kind, Result, Store, StoreError};

/// Records per commit.
const BATCH: usize = 500;

/// How a copy went.
#[derive(Debug, Default, Clone, Copy)]
pub struct Copied {
    pub records: u64,
    /// Events the target already held (kept as they were; events never change).
    pub kept_events: u64,
}

/// How many records `from` holds in all.
pub async fn total(from: &dyn Store) -> Result<u64> {
    let mut n = 0;
    for k in Kind::ALL {
        n += from.count(*k).await?;
    }
    Ok(n)
}

/// Whether `store` holds no project.
pub async fn is_empty(store: &dyn Store) -> Result<bool> {
    Ok(store.count(Kind::Projects).await? == 0)
}

/// Copies everything in `from` into `to`; `progress` is told how many records each batch held.
pub async fn copy(from: &dyn Store, to: &dyn Store, mut progress: impl FnMut(u64)) -> Result<Copied> {
    let mut done = Copied::default();
    for kind in Kind::ALL {
        let mut after = None;
        loop {
            let batch = from.export(*kind, after.take(), BATCH).await?;
            let n = batch.ops.len() as u64;
            // Only events are written as new, so only they may need a second, one-by-one pass.
            let retry = if *kind == Kind::Events { batch.ops.clone() } else { Vec::new() };
            match to.commit(Changes { livekit_event: None, ops: batch.ops }).await? {
                Committed::Applied => {}
                // Some events are there already (a copy into a non-empty target): keep
                // those, write the rest one by one.
                Committed::Conflict(_) if *kind == Kind::Events => {
                    for op in retry {
                        if let Committed::Conflict(_) =
                            to.commit(Changes { livekit_event: None, ops: vec![op] }).await?
                        {
                            done.kept_events += 1;
                        }
                    }
                }
                other => return Err(StoreError::Data(format!("copying {kind:?} into the target: {other:?}"))),
            }
            done.records += n;
            progress(n);
            match batch.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
    }
    Ok(done)
}
