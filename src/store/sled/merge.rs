//! Newest-first scans of several key groups merged into one, for filters that several index
//! groups answer together.

use crate::store::Result;

/// Newest-first scans of several groups, merged by the id that ends each key: yields the
/// index of the group, the key and the value.
pub struct Merged {
    scans: Vec<std::iter::Rev<::sled::Iter>>,
    heads: std::collections::BinaryHeap<(Vec<u8>, usize, ::sled::IVec, ::sled::IVec)>,
    group_lens: Vec<usize>,
    started: bool,
}

impl Merged {
    pub fn new(tree: &::sled::Tree, groups: &[Vec<u8>], bounds: Option<&(String, String)>) -> Merged {
        let scans = groups
            .iter()
            .map(|group| {
                let (mut lo, mut hi) = (group.clone(), group.clone());
                match bounds {
                    Some((l, h)) => {
                        lo.extend_from_slice(l.as_bytes());
                        hi.extend_from_slice(h.as_bytes());
                    }
                    None => hi.push(0xff),
                }
                tree.range(lo..=hi).rev()
            })
            .collect();
        let group_lens = groups.iter().map(Vec::len).collect();
        Merged { scans, heads: Default::default(), group_lens, started: false }
    }

    fn pull(&mut self, i: usize) -> Result<()> {
        if let Some(kv) = self.scans[i].next() {
            let (k, v) = kv.map_err(super::io)?;
            self.heads.push((k[self.group_lens[i]..].to_vec(), i, k, v));
        }
        Ok(())
    }

    pub fn next(&mut self) -> Result<Option<(usize, ::sled::IVec, ::sled::IVec)>> {
        if !self.started {
            self.started = true;
            for i in 0..self.scans.len() {
                self.pull(i)?;
            }
        }
        let Some((_, i, k, v)) = self.heads.pop() else { return Ok(None) };
        self.pull(i)?;
        Ok(Some((i, k, v)))
    }
}
