//! The schedule in memory, by endpoint: a mirror of the tree's `Q/` keys that the writer keeps
//! in step with every batch it applies (under the lease lock, after the batch is durable) and
//! that claims walk instead of the tree. A claim visits each endpoint with something due once,
//! in the order of its earliest entry, and passes an endpoint or project at its limit in one
//! step, however long its backlog: walking the tree's keys past a one-endpoint storm's backlog
//! was a fifth of the daemon's CPU in that storm.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A schedule key, one allocation shared by the maps below (a storm's backlog is 60,000 of
/// them, and the daemon's memory has a budget).
type Key = Arc<[u8]>;

#[derive(Default)]
pub struct DueIndex {
    /// Every schedule key → its endpoint (what the tree's value holds).
    keys: HashMap<Key, Arc<str>>,
    /// Each endpoint's schedule keys; a key sorts by due time.
    by_endpoint: HashMap<Arc<str>, BTreeSet<Key>>,
    /// (earliest key, endpoint) of every endpoint that has one.
    heads: BTreeSet<(Key, Arc<str>)>,
}

impl DueIndex {
    /// The index of what `tree` schedules now (at open).
    pub fn load(tree: &::sled::Tree) -> ::sled::Result<DueIndex> {
        let mut d = DueIndex::default();
        for kv in tree.scan_prefix(super::keys::QUEUE) {
            let (k, v) = kv?;
            d.put(k.to_vec(), &String::from_utf8_lossy(&v));
        }
        Ok(d)
    }

    pub fn put(&mut self, key: Vec<u8>, endpoint: &str) {
        if self.keys.get(key.as_slice()).is_some_and(|e| &**e == endpoint) {
            return;
        }
        self.remove(&key);
        let key: Key = key.into();
        let ep: Arc<str> = match self.by_endpoint.get_key_value(endpoint) {
            Some((e, _)) => e.clone(),
            None => endpoint.into(),
        };
        let set = self.by_endpoint.entry(ep.clone()).or_default();
        let old_head = set.first().cloned();
        set.insert(key.clone());
        if old_head.as_ref().is_none_or(|h| key < *h) {
            if let Some(h) = old_head {
                self.heads.remove(&(h, ep.clone()));
            }
            self.heads.insert((key.clone(), ep.clone()));
        }
        self.keys.insert(key, ep);
    }

    pub fn remove(&mut self, key: &[u8]) {
        let Some(ep) = self.keys.remove(key) else { return };
        let Some(set) = self.by_endpoint.get_mut(&ep) else { return };
        let was_head = set.first().is_some_and(|h| &**h == key);
        let Some(key) = set.take(key) else { return };
        if was_head {
            self.heads.remove(&(key, ep.clone()));
            match set.first() {
                Some(h) => {
                    self.heads.insert((h.clone(), ep.clone()));
                }
                None => {
                    self.by_endpoint.remove(&ep);
                }
            }
        }
    }

    /// Endpoints with an entry before `end`, earliest first, each with its keys before `end`.
    pub fn due_before<'a>(
        &'a self,
        end: &'a [u8],
    ) -> impl Iterator<Item = (&'a str, impl Iterator<Item = &'a [u8]> + 'a)> + 'a {
        self.heads.iter().take_while(move |(h, _)| &**h < end).map(move |(_, ep)| {
            let keys = self
                .by_endpoint
                .get(ep)
                .into_iter()
                .flat_map(move |s| s.iter().map(|k| &**k).take_while(move |k| *k < end));
            (&**ep, keys)
        })
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::super::keys::due_key;
    use super::*;

    fn due(d: &DueIndex, now: i64) -> Vec<(String, Vec<Vec<u8>>)> {
        let end = due_key(now + 1, "", "");
        d.due_before(&end).map(|(ep, ks)| (ep.to_string(), ks.map(<[u8]>::to_vec).collect())).collect()
    }

    #[test]
    fn endpoints_come_in_order_of_their_earliest_entry() {
        let mut d = DueIndex::default();
        d.put(due_key(5, "p", "a"), "we_1");
        d.put(due_key(3, "p", "b"), "we_2");
        d.put(due_key(4, "p", "c"), "we_1");
        d.put(due_key(9, "p", "d"), "we_3");
        let got = due(&d, 6);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], ("we_2".into(), vec![due_key(3, "p", "b")]));
        assert_eq!(got[1], ("we_1".into(), vec![due_key(4, "p", "c"), due_key(5, "p", "a")]));
        // Moving an entry (a retry) and removing the head keep the heads right.
        d.remove(&due_key(3, "p", "b"));
        d.put(due_key(20, "p", "b"), "we_2");
        d.remove(&due_key(4, "p", "c"));
        let got = due(&d, 10);
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["we_1", "we_3"]);
        assert_eq!(d.len(), 3);
        d.remove(&due_key(5, "p", "a"));
        d.remove(&due_key(9, "p", "d"));
        d.remove(&due_key(20, "p", "b"));
        assert!(d.heads.is_empty() && d.by_endpoint.is_empty() && d.len() == 0);
    }

    #[test]
    fn a_key_put_twice_is_one_entry() {
        let mut d = DueIndex::default();
        d.put(due_key(5, "p", "a"), "we_1");
        d.put(due_key(5, "p", "a"), "we_1");
        d.put(due_key(5, "p", "a"), "we_2");
        assert_eq!(d.len(), 1);
        assert_eq!(due(&d, 5), vec![("we_2".to_string(), vec![due_key(5, "p", "a")])]);
    }
}
