//! Webhook records: endpoints (with secrets), events (with their exact payload bytes) and
//! deliveries (one event × one endpoint, with every attempt), and the durable schedule.

use serde::{Deserialize, Serialize};

use super::{Result, Store, decode, encode};
use crate::api::{Attempt, Endpoint, WebhookLog};

/// One signing secret; `expires_at` (Unix seconds) is set once a rotation retires it.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub struct SecretEntry {
    pub secret: String,
    pub expires_at: Option<u64>,
}

impl std::fmt::Debug for SecretEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretEntry(<redacted>, expires_at={:?})", self.expires_at)
    }
}

/// An endpoint as stored: its public face (without `secret`) and its secrets, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EndpointRecord {
    pub project_id: String,
    pub endpoint: Endpoint,
    pub secrets: Vec<SecretEntry>,
}

impl EndpointRecord {
    /// The secrets that sign now: the current one and any still in their grace period.
    pub fn signing_secrets(&self, now: u64) -> Vec<&str> {
        self.secrets.iter().filter(|s| s.expires_at.is_none_or(|t| t > now)).map(|s| s.secret.as_str()).collect()
    }

    /// The secret that signs from now on (the one answers reveal).
    pub fn current_secret(&self) -> Option<&str> {
        self.secrets.first().map(|s| s.secret.as_str())
    }

    /// Whether this endpoint wants `event`.
    pub fn wants(&self, event: &str) -> bool {
        self.endpoint.enabled && (self.endpoint.events.is_empty() || self.endpoint.events.iter().any(|e| e == event))
    }
}

/// A pulse event as stored: the payload is kept as the exact bytes every attempt sends.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRecord {
    pub project_id: String,
    pub event_id: String,
    pub event: String,
    pub payload: String,
    pub created_at: String,
}

/// A delivery as stored: its log, its attempts, and when it is next due (Unix ms).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeliveryRecord {
    pub project_id: String,
    pub log: WebhookLog,
    pub attempts: Vec<Attempt>,
    pub due_ms: Option<u64>,
}

impl DeliveryRecord {
    /// `<project>/<whl_id>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.project_id, self.log.id)
    }
}

/// One schedule entry: when, which delivery, and to which endpoint (so the scheduler can
/// skip a busy endpoint's deliveries without reading them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub due_ms: u64,
    pub key: String,
    pub endpoint_id: String,
}

/// The schedule value: `<delivery key> <endpoint id>` (ids never contain spaces).
pub(super) fn due_value(d: &DeliveryRecord) -> Vec<u8> {
    format!("{} {}", d.key(), d.log.endpoint_id).into_bytes()
}

/// The schedule key: due time first, so a scan from the start finds what is due.
pub(super) fn due_key(due_ms: u64, delivery_key: &str) -> Vec<u8> {
    let mut k = due_ms.to_be_bytes().to_vec();
    k.extend_from_slice(delivery_key.as_bytes());
    k
}

impl Store {
    /// Stores an endpoint (outside any event transaction: endpoints change rarely).
    pub fn put_endpoint(&self, e: &EndpointRecord) -> Result<()> {
        let key = format!("{}/{}", e.project_id, e.endpoint.endpoint_id);
        self.inner.endpoints.insert(key, encode(e)?)?;
        Ok(())
    }

    /// A project's endpoint.
    pub fn endpoint(&self, project_id: &str, id: &str) -> Result<Option<EndpointRecord>> {
        self.inner.endpoints.get(format!("{project_id}/{id}"))?.map(|v| decode(&v)).transpose()
    }

    /// A project's endpoints, newest first.
    pub fn endpoints(&self, project_id: &str) -> Result<Vec<EndpointRecord>> {
        self.inner.endpoints.scan_prefix(format!("{project_id}/")).rev().map(|kv| decode(&kv?.1)).collect()
    }

    /// Removes an endpoint (its deliveries stay, as history).
    pub fn delete_endpoint(&self, project_id: &str, id: &str) -> Result<bool> {
        Ok(self.inner.endpoints.remove(format!("{project_id}/{id}"))?.is_some())
    }

    /// A project's event.
    pub fn event(&self, project_id: &str, id: &str) -> Result<Option<EventRecord>> {
        self.inner.events.get(format!("{project_id}/{id}"))?.map(|v| decode(&v)).transpose()
    }

    /// A project's delivery.
    pub fn delivery(&self, project_id: &str, id: &str) -> Result<Option<DeliveryRecord>> {
        self.inner.deliveries.get(format!("{project_id}/{id}"))?.map(|v| decode(&v)).transpose()
    }

    /// A delivery by its full key (from the schedule).
    pub fn delivery_by_key(&self, key: &str) -> Result<Option<DeliveryRecord>> {
        self.inner.deliveries.get(key)?.map(|v| decode(&v)).transpose()
    }

    /// A project's deliveries, newest first, kept by `keep`.
    pub fn deliveries(
        &self,
        project_id: &str,
        mut keep: impl FnMut(&DeliveryRecord) -> bool,
    ) -> Result<Vec<DeliveryRecord>> {
        let mut out = Vec::new();
        for kv in self.inner.deliveries.scan_prefix(format!("{project_id}/")).rev() {
            let d: DeliveryRecord = decode(&kv?.1)?;
            if keep(&d) {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// Up to `limit` deliveries due at or before `now_ms`, earliest first.
    pub fn due(&self, now_ms: u64, limit: usize) -> Result<Vec<Due>> {
        let end = now_ms.saturating_add(1).to_be_bytes();
        let mut out = Vec::new();
        for kv in self.inner.due.range(..end.as_slice()).take(limit) {
            let (k, v) = kv?;
            let due_ms =
                u64::from_be_bytes(k[..8].try_into().map_err(|_| super::StoreError::Data("bad due key".into()))?);
            let v = String::from_utf8_lossy(&v);
            let (key, endpoint_id) = v.split_once(' ').unwrap_or((&v, ""));
            out.push(Due { due_ms, key: key.into(), endpoint_id: endpoint_id.into() });
        }
        Ok(out)
    }

    /// How many deliveries are due at or before `now_ms` (counted, not read).
    pub fn due_count(&self, now_ms: u64) -> usize {
        let end = now_ms.saturating_add(1).to_be_bytes();
        self.inner.due.range(..end.as_slice()).count()
    }

    /// The earliest scheduled time, if anything is scheduled.
    pub fn next_due(&self) -> Result<Option<u64>> {
        Ok(match self.inner.due.first()? {
            Some((k, _)) => k.get(..8).and_then(|b| b.try_into().ok()).map(u64::from_be_bytes),
            None => None,
        })
    }

    /// How many deliveries are scheduled (pending or retrying).
    pub fn scheduled_count(&self) -> usize {
        self.inner.due.len()
    }

    /// Deletes finished deliveries and their events older than `cutoff` (RFC 3339, compared as
    /// text: every timestamp pulse writes has the same format). Returns how many went.
    pub fn prune(&self, cutoff: &str) -> Result<usize> {
        let mut n = 0;
        for kv in self.inner.deliveries.iter() {
            let (k, v) = kv?;
            let d: DeliveryRecord = decode(&v)?;
            if d.due_ms.is_none() && d.log.created_at.as_str() < cutoff {
                self.inner.deliveries.remove(k)?;
                self.inner.events.remove(format!("{}/{}", d.project_id, d.log.event_id))?;
                n += 1;
            }
        }
        for kv in self.inner.events.iter() {
            let (k, v) = kv?;
            let e: EventRecord = decode(&v)?;
            if e.created_at.as_str() < cutoff {
                self.inner.events.remove(k)?;
            }
        }
        let cutoff_secs = humantime::parse_rfc3339(cutoff)
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        for kv in self.inner.livekit_events.iter() {
            let (k, v) = kv?;
            let seen = v.get(..8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_be_bytes);
            if seen < cutoff_secs {
                self.inner.livekit_events.remove(k)?;
            }
        }
        Ok(n)
    }

    pub(super) fn delete_webhook_data(&self, project_id: &str) -> Result<()> {
        let prefix = format!("{project_id}/");
        for tree in [&self.inner.endpoints, &self.inner.events] {
            for k in tree.scan_prefix(&prefix).keys() {
                tree.remove(k?)?;
            }
        }
        for kv in self.inner.deliveries.scan_prefix(&prefix) {
            let (k, v) = kv?;
            let d: DeliveryRecord = decode(&v)?;
            if let Some(ms) = d.due_ms {
                self.inner.due.remove(due_key(ms, &d.key()))?;
            }
            self.inner.deliveries.remove(k)?;
        }
        Ok(())
    }
}
