//! A read cache for what nearly every request reads and rarely changes: projects (by id and by
//! key hash) and each project's endpoints. The writer invalidates it after every batch that
//! writes a project or an endpoint; a read keeps what it found only if no invalidation came
//! while it read, so a stale value is never cached.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::store::{EndpointRecord, ProjectRecord};

/// Past this many entries a map starts over (bounds memory whatever the callers send).
const MAX_ENTRIES: usize = 4096;

#[derive(Default)]
struct Maps {
    generation: u64,
    projects: HashMap<String, ProjectRecord>,
    by_hash: HashMap<String, String>,
    endpoints: HashMap<String, Arc<Vec<EndpointRecord>>>,
}

#[derive(Default)]
pub struct ReadCache {
    maps: Mutex<Maps>,
}

fn bounded<K: std::hash::Hash + Eq, V>(m: &mut HashMap<K, V>, k: K, v: V) {
    if m.len() >= MAX_ENTRIES {
        m.clear();
    }
    m.insert(k, v);
}

impl ReadCache {
    fn lock(&self) -> MutexGuard<'_, Maps> {
        self.maps.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Taken before reading the store; hand it back when caching what was read.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Forgets everything (a batch wrote a project or an endpoint).
    pub fn invalidate(&self) {
        let mut m = self.lock();
        m.generation += 1;
        m.projects.clear();
        m.by_hash.clear();
        m.endpoints.clear();
    }

    pub fn project(&self, id: &str) -> Option<ProjectRecord> {
        self.lock().projects.get(id).cloned()
    }

    pub fn project_by_hash(&self, hash: &str) -> Option<ProjectRecord> {
        let m = self.lock();
        m.by_hash.get(hash).and_then(|id| m.projects.get(id)).cloned()
    }

    pub fn put_project(&self, generation: u64, p: &ProjectRecord) {
        let mut m = self.lock();
        if m.generation == generation {
            bounded(&mut m.by_hash, p.key_hash.clone(), p.id.to_string());
            bounded(&mut m.projects, p.id.to_string(), p.clone());
        }
    }

    pub fn endpoints(&self, project_id: &str) -> Option<Arc<Vec<EndpointRecord>>> {
        self.lock().endpoints.get(project_id).cloned()
    }

    pub fn put_endpoints(&self, generation: u64, project_id: &str, e: Arc<Vec<EndpointRecord>>) {
        let mut m = self.lock();
        if m.generation == generation {
            bounded(&mut m.endpoints, project_id.to_string(), e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_that_raced_an_invalidation_is_not_kept() {
        let c = ReadCache::default();
        let p = crate::store::samples::project("prj_a", "h");
        let g = c.generation();
        c.invalidate(); // a batch wrote while the reader was reading
        c.put_project(g, &p);
        assert!(c.project("prj_a").is_none());
        c.put_project(c.generation(), &p);
        assert_eq!(c.project_by_hash("h").unwrap().id, "prj_a");
        c.invalidate();
        assert!(c.project_by_hash("h").is_none());
    }
}
