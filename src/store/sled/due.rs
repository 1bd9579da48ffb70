//! The schedule in memory, by endpoint: a mirror of the tree's `Q/` keys that the writer keeps
//! in step with every batch it applies (under the lease lock, after the batch is durable) and
//! that claims walk instead of the tree. A claim visits each endpoint with something due once,
//! in the order of its earliest entry, and passes an endpoint or project at its limit in one
//! step, however long its backlog: walking the tree's keys past a one-endpoint storm's backlog
//! was a fifth of the daemon's CPU in that storm.

use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// The order group (`<endpoint>\n<order key>`) of each key of an ordered delivery, and
    /// each group's deliveries (`<project>/<id>`, ids sort by creation) with how many keys
    /// each has (a batch that moves a delivery may add its new key before it drops the old).
    /// Every unsettled delivery has a key, due or not, so a group's first is the one that may go.
    groups_of: HashMap<Key, Arc<str>>,
    groups: HashMap<Arc<str>, BTreeMap<Arc<str>, usize>>,
}

/// A schedule key's delivery: `<project>/<id>`, after the key's tag and due time.
fn target(key: &[u8]) -> &str {
    key.get(super::keys::QUEUE.len() + 8..).and_then(|t| std::str::from_utf8(t).ok()).unwrap_or_default()
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

    /// Adds (or moves) schedule key `key`, whose value is `value` (see `keys::queue_value`).
    pub fn put(&mut self, key: Vec<u8>, value: &str) {
        let (endpoint, group) = super::keys::split_queue_value(value);
        if self.keys.get(key.as_slice()).is_some_and(|e| &**e == endpoint)
            && self.groups_of.get(key.as_slice()).map(|g| &**g) == group
        {
            return;
        }
        self.remove(&key);
        let key: Key = key.into();
        if let Some(g) = group {
            let g: Arc<str> = match self.groups.get_key_value(g) {
                Some((g, _)) => g.clone(),
                None => g.into(),
            };
            *self.groups.entry(g.clone()).or_default().entry(target(&key).into()).or_insert(0) += 1;
            self.groups_of.insert(key.clone(), g);
        }
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
        if let Some(g) = self.groups_of.remove(key)
            && let Some(set) = self.groups.get_mut(&g)
        {
            if let Some(n) = set.get_mut(target(key)) {
                *n -= 1;
                if *n == 0 {
                    set.remove(target(key));
                }
            }
            if set.is_empty() {
                self.groups.remove(&g);
            }
        }
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

    /// Whether the delivery of `key` must wait for an earlier one of its order group.
    pub fn waits_its_turn(&self, key: &[u8]) -> bool {
        // Asked for every key a claim walks: without ordered endpoints, not even a hash.
        if self.groups_of.is_empty() {
            return false;
        }
        let Some(g) = self.groups_of.get(key) else { return false };
        self.groups.get(g).and_then(|s| s.first_key_value()).is_some_and(|(first, _)| &**first != target(key))
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
    fn an_ordered_delivery_waits_for_the_earlier_ones_of_its_group_due_or_not() {
        let mut d = DueIndex::default();
        let (a1, a2, b1) = (due_key(50, "p", "whl_1"), due_key(5, "p", "whl_2"), due_key(6, "p", "whl_3"));
        d.put(a1.clone(), "we_1\negress:a");
        d.put(a2.clone(), "we_1\negress:a");
        d.put(b1.clone(), "we_1\negress:b");
        // whl_2 is due first but whl_1, retrying later, came first.
        assert!(d.waits_its_turn(&a2) && !d.waits_its_turn(&a1) && !d.waits_its_turn(&b1));
        assert_eq!(due(&d, 10), vec![("we_1".to_string(), vec![a2.clone(), b1.clone()])]);
        // Moved (a retry's new due time) with the new key put before the old one goes: still first.
        let a1_later = due_key(80, "p", "whl_1");
        d.put(a1_later.clone(), "we_1\negress:a");
        d.remove(&a1);
        assert!(d.waits_its_turn(&a2) && !d.waits_its_turn(&a1_later));
        // Settled: the next goes.
        let a1 = a1_later;
        d.remove(&a1);
        assert!(!d.waits_its_turn(&a2));
        d.remove(&a2);
        d.remove(&b1);
        assert!(d.groups.is_empty() && d.groups_of.is_empty() && d.len() == 0);
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
