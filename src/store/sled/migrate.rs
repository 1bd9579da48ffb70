//! Brings a data dir written by an earlier build up to this build's key layout, once, at open
//! (before the writer starts, so nothing else writes meanwhile).

use std::collections::HashMap;

use super::io;
use super::keys::{self, counter, decode};
use crate::store::{DeliveryRecord, Result};

/// Keys applied per batch while rebuilding.
const CHUNK: usize = 10_000;

/// Builds the one delivery index (`Dx`) from the delivery records if the data dir still has
/// the three it replaced (`Ds`, `De`, `Dp`), then removes those. A crash midway leaves the old
/// indexes in place, so the next open starts over.
pub fn delivery_index(db: &::sled::Db, tree: &::sled::Tree) -> Result<()> {
    let old: Vec<Vec<u8>> = keys::OLD_DELIVERY_INDEXES
        .iter()
        .flat_map(|t| [format!("{t}/").into_bytes(), counter(format!("{t}/").as_bytes())])
        .collect();
    if !old.iter().any(|p| tree.scan_prefix(p).next().is_some()) {
        return Ok(());
    }
    tracing::info!("rebuilding the delivery log index for this build's layout (once)");
    let started = std::time::Instant::now();
    let new = format!("{}/", keys::DELIVERY_INDEX).into_bytes();
    remove_prefix(tree, &new)?;
    remove_prefix(tree, &counter(&new))?;
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut batch = ::sled::Batch::default();
    let mut pending = 0;
    for kv in tree.scan_prefix(b"D/") {
        let (_, v) = kv.map_err(io)?;
        let d: DeliveryRecord = decode(&v)?;
        let group = keys::delivery_index(&d.project_id, d.status, d.event, &d.endpoint_id);
        let mut k = group.clone();
        k.extend_from_slice(d.id.as_bytes());
        batch.insert(k, Vec::new());
        *counts.entry(group).or_default() += 1;
        pending += 1;
        if pending == CHUNK {
            tree.apply_batch(std::mem::take(&mut batch)).map_err(io)?;
            pending = 0;
        }
    }
    for (group, n) in &counts {
        batch.insert(counter(group), n.to_be_bytes().to_vec());
    }
    tree.apply_batch(batch).map_err(io)?;
    db.flush().map_err(io)?;
    for p in &old {
        remove_prefix(tree, p)?;
    }
    db.flush().map_err(io)?;
    let logs: u64 = counts.values().sum();
    tracing::info!(logs, seconds = started.elapsed().as_secs_f64(), "delivery log index rebuilt");
    Ok(())
}

fn remove_prefix(tree: &::sled::Tree, prefix: &[u8]) -> Result<()> {
    let mut batch = ::sled::Batch::default();
    let mut pending = 0;
    for k in tree.scan_prefix(prefix).keys() {
        batch.remove(k.map_err(io)?);
        pending += 1;
        if pending == CHUNK {
            tree.apply_batch(std::mem::take(&mut batch)).map_err(io)?;
            pending = 0;
        }
    }
    tree.apply_batch(batch).map_err(io)
}
